import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { KnowledgeGap } from '../types';
import { knowledgeKeys } from './query-keys';

export const listKnowledgeGaps = (signal?: AbortSignal) =>
  apiClient.get<{ items: KnowledgeGap[] }>('/knowledge-gaps', { signal });

export const useKnowledgeGaps = () =>
  useQuery({ queryKey: knowledgeKeys.gaps(), queryFn: ({ signal }) => listKnowledgeGaps(signal) });
