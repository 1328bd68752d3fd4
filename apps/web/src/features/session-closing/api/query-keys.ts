import type { ClosingKind } from '../types';

/**
 * `session` is the pilot page's session query: features do not import each other, so the key
 * is repeated here (query-keys.test.ts pins the two together). Previews live under their own
 * root, not under the session: every session invalidation would otherwise refetch them at
 * once, and the preview re-fetch is meant to wait until the session stops changing.
 */
export const closingKeys = {
  session: (sessionId: string) => ['ai-sessions', 'detail', sessionId] as const,
  lists: () => ['ai-sessions', 'list'] as const,
  previews: (sessionId: string) => ['session-closing', sessionId] as const,
  preview: (sessionId: string, kind: ClosingKind, stateVersion: number) =>
    [...closingKeys.previews(sessionId), kind, stateVersion] as const,
};
