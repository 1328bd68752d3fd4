import { sessionKeys } from '../../session-core/query-keys';
import type { SessionStatus } from '../types';

/** The pilot feature's query keys: the shared session keys, and the filtered session list. */
export const pilotKeys = {
  ...sessionKeys,
  list: (filters: { q: string; status: SessionStatus | '' }) => [...sessionKeys.lists(), filters] as const,
  /** The engine's belief at a state version: any change to the session reads it again. */
  leaning: (id: string, stateVersion: number) =>
    [...sessionKeys.session(id), 'leaning', stateVersion] as const,
};
