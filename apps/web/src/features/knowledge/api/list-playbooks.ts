import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PlaybookList } from '../types';
import { knowledgeKeys } from './query-keys';

export const listPlaybooks = (q: string, signal?: AbortSignal) =>
  apiClient.get<PlaybookList>('/playbooks', { query: q ? { q } : {}, signal });

export const usePlaybooks = (q: string) =>
  useQuery({
    queryKey: knowledgeKeys.playbooks(q),
    queryFn: ({ signal }) => listPlaybooks(q, signal),
    placeholderData: keepPreviousData,
  });
