import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { AcceptProposalRequest, KnowledgeProposal } from '../types';
import { knowledgeKeys } from './query-keys';

export const decideProposal = ({
  id,
  decision,
  body,
}: {
  id: string;
  decision: 'accept' | 'reject';
  body?: AcceptProposalRequest;
}) =>
  apiClient.post<unknown>(
    `/knowledge-proposals/${encodeURIComponent(id)}/${decision}`,
    body ? { body } : {},
  ) as Promise<KnowledgeProposal | { proposal: KnowledgeProposal }>;

export function useDecideProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideProposal,
    onSettled: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}
