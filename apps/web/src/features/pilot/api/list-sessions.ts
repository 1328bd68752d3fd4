import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { SessionList, SessionStatus } from '../types';
import { pilotKeys } from './query-keys';

const PAGE_SIZE = 25;

export interface SessionFilters {
  q: string;
  status: SessionStatus | '';
}

export const listSessions = (
  { q, status, cursor }: SessionFilters & { cursor?: string | undefined },
  { signal }: { signal?: AbortSignal } = {},
) =>
  apiClient.get<SessionList>('/ai-sessions', {
    query: { q, status, cursor, limit: PAGE_SIZE },
    signal,
  });

export const listSessionsQueryOptions = (filters: SessionFilters) =>
  infiniteQueryOptions({
    queryKey: pilotKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listSessions({ ...filters, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    // Keyset pagination: the server hands out the cursor of the next page, or null at the end.
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

/** Keeps showing the previous results while a new search loads, instead of flashing a skeleton. */
export const useSessions = (filters: SessionFilters) =>
  useInfiniteQuery({ ...listSessionsQueryOptions(filters), placeholderData: keepPreviousData });
