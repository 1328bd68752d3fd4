import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { KnowledgeProposalList } from '../types';
import { knowledgeKeys } from './query-keys';

export const listPendingProposals = (signal?: AbortSignal) =>
  apiClient.get<KnowledgeProposalList>('/knowledge-proposals', { query: { status: 'pending' }, signal });

/** The owner's knowledge queue with its pending count; the route answers 403 to anyone else. */
export const usePendingProposals = ({ enabled }: { enabled: boolean }) =>
  useQuery({
    queryKey: knowledgeKeys.proposals(),
    queryFn: ({ signal }) => listPendingProposals(signal),
    enabled,
  });
