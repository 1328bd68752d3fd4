import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Health } from '../../../types/api';

// A degraded instance may answer 503 with the same body; it is still the status to show.
export const getHealth = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<Health>('/health', { signal, acceptStatuses: [503] });

export const getHealthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => getHealth({ signal }),
    staleTime: 60_000,
    refetchInterval: 60_000,
  });

export const useHealth = () => useQuery(getHealthQueryOptions());
