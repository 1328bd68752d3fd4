/**
 * The pilot session's query keys, shared by every feature that reads or changes a session
 * (pilot, fixes, audit, session closing). Everything about one session is keyed below
 * `session(id)`, so invalidating it refreshes its messages, facts and audit trail too.
 */
export const sessionKeys = {
  all: ['ai-sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  session: (id: string) => [...sessionKeys.all, 'detail', id] as const,
  messages: (id: string) => [...sessionKeys.session(id), 'messages'] as const,
  facts: (id: string) => [...sessionKeys.session(id), 'facts'] as const,
  audit: (id: string) => [...sessionKeys.session(id), 'audit'] as const,
};
