import { sessionKeys } from '../../session-core/query-keys';
import type { SessionStatus } from '../types';

/** The pilot feature's query keys: the shared session keys, and the filtered session list. */
export const pilotKeys = {
  ...sessionKeys,
  list: (filters: { q: string; status: SessionStatus | '' }) => [...sessionKeys.lists(), filters] as const,
};
