import { sessionKeys } from '../../session-core/query-keys';
import type { ClosingKind } from '../types';

/**
 * `session` and `lists` are the shared session queries. Previews live under their own
 * root, not under the session: every session invalidation would otherwise refetch them at
 * once, and the preview re-fetch is meant to wait until the session stops changing.
 */
export const closingKeys = {
  session: sessionKeys.session,
  lists: sessionKeys.lists,
  previews: (sessionId: string) => ['session-closing', sessionId] as const,
  preview: (sessionId: string, kind: ClosingKind, stateVersion: number) =>
    [...closingKeys.previews(sessionId), kind, stateVersion] as const,
};
