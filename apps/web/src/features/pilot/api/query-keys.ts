import type { SessionStatus } from '../types';

/** One place for the pilot feature's query keys, so mutations and streams invalidate the right ones. */
export const pilotKeys = {
  all: ['ai-sessions'] as const,
  lists: () => [...pilotKeys.all, 'list'] as const,
  list: (filters: { q: string; status: SessionStatus | '' }) => [...pilotKeys.lists(), filters] as const,
  session: (id: string) => [...pilotKeys.all, 'detail', id] as const,
  messages: (id: string) => [...pilotKeys.all, 'detail', id, 'messages'] as const,
  facts: (id: string) => [...pilotKeys.all, 'detail', id, 'facts'] as const,
};
