/**
 * Under the pilot page's session key (repeated here: features do not import each other;
 * query-keys.test.ts pins them), so whatever refreshes the session refreshes its trail too.
 */
export const auditKeys = {
  session: (sessionId: string) => ['ai-sessions', 'detail', sessionId, 'audit'] as const,
};
