import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FactList } from '../types';
import { pilotKeys } from './query-keys';

export const listFacts = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<FactList>(`/ai-sessions/${encodeURIComponent(sessionId)}/facts`, { signal });

export const listFactsQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: pilotKeys.facts(sessionId),
    queryFn: ({ signal }) => listFacts(sessionId, { signal }),
  });

export const useFacts = (sessionId: string) => useQuery(listFactsQueryOptions(sessionId));
