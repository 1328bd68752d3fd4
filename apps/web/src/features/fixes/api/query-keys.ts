/**
 * The pilot session a fix belongs to. Features do not import each other, so the key is
 * repeated here rather than taken from features/pilot; query-keys.test.ts pins the two together.
 * Invalidating it also refreshes the session's messages and facts, which are keyed below it.
 */
export const fixKeys = {
  session: (sessionId: string) => ['ai-sessions', 'detail', sessionId] as const,
};
