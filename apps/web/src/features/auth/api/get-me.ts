import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { MeResponse } from '../../../types/api';

export const getMe = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<MeResponse>('/auth/me', { signal });

export const meQueryKey = ['auth', 'me'] as const;

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe({ signal }),
    // Who you are changes only when you sign in or out, and both reset the cache.
    staleTime: 5 * 60_000,
  });

export const useMe = () => useQuery(getMeQueryOptions());
