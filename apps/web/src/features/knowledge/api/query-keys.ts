export const knowledgeKeys = {
  all: ['knowledge'] as const,
  playbooks: (q: string) => [...knowledgeKeys.all, 'playbooks', q] as const,
  playbook: (id: string) => [...knowledgeKeys.all, 'playbook', id] as const,
  proposals: () => [...knowledgeKeys.all, 'proposals'] as const,
  gaps: () => [...knowledgeKeys.all, 'gaps'] as const,
  similar: (sessionId: string) => [...knowledgeKeys.all, 'similar', sessionId] as const,
};
