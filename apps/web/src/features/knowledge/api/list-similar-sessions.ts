import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { SimilarSession } from '../types';
import { knowledgeKeys } from './query-keys';

export const listSimilarSessions = (sessionId: string, signal?: AbortSignal) =>
  apiClient.get<{ items: SimilarSession[] }>(`/ai-sessions/${encodeURIComponent(sessionId)}/similar`, {
    signal,
  });

export const useSimilarSessions = (sessionId: string) =>
  useQuery({
    queryKey: knowledgeKeys.similar(sessionId),
    queryFn: ({ signal }) => listSimilarSessions(sessionId, signal),
    staleTime: 60_000,
  });
