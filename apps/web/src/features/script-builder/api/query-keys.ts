/** One place for the Script Builder's query keys, so mutations and streams invalidate the right ones. */
export const builderKeys = {
  all: ['script-builder-sessions'] as const,
  list: () => [...builderKeys.all, 'list'] as const,
  session: (id: string) => [...builderKeys.all, 'detail', id] as const,
  messages: (id: string) => [...builderKeys.all, 'detail', id, 'messages'] as const,
  /** The inline session of a pilot session (get-or-create), keyed by the pilot session. */
  inline: (aiSessionId: string) => [...builderKeys.all, 'inline', aiSessionId] as const,
};
