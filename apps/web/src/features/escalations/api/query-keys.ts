export const escalationKeys = {
  all: ['escalations'] as const,
  list: () => [...escalationKeys.all, 'list'] as const,
};
