import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PlaybookDetail } from '../types';
import { knowledgeKeys } from './query-keys';

export const getPlaybook = (id: string, signal?: AbortSignal) =>
  apiClient.get<PlaybookDetail>(`/playbooks/${encodeURIComponent(id)}`, { signal });

export const usePlaybook = (id: string | null) =>
  useQuery({
    queryKey: knowledgeKeys.playbook(id ?? ''),
    queryFn: ({ signal }) => getPlaybook(id!, signal),
    enabled: id !== null,
  });
