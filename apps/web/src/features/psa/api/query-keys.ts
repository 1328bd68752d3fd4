export const psaKeys = {
  all: ['psa'] as const,
  connection: () => [...psaKeys.all, 'connection'] as const,
  boards: () => [...psaKeys.all, 'boards'] as const,
  statuses: (boardId: string | null) => [...psaKeys.all, 'statuses', boardId] as const,
  tickets: (query: string) => [...psaKeys.all, 'tickets', query] as const,
  ticket: (id: string) => [...psaKeys.all, 'ticket', id] as const,
  delivery: (sessionId: string) => ['psa-delivery', sessionId] as const,
  link: (sessionId: string) => ['psa-ticket-link', sessionId] as const,
};
