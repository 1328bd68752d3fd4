import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { AuditEventList } from '../types';
import { auditKeys } from './query-keys';

const PAGE_SIZE = 200;

/** Who did what to the session, oldest first; `next_cursor` pages on to later events. */
export const listSessionAudit = (
  sessionId: string,
  { cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal } = {},
) =>
  apiClient.get<AuditEventList>(`/ai-sessions/${encodeURIComponent(sessionId)}/audit`, {
    query: { cursor, limit: PAGE_SIZE },
    signal,
  });

export const listSessionAuditQueryOptions = (sessionId: string) =>
  infiniteQueryOptions({
    queryKey: auditKeys.session(sessionId),
    queryFn: ({ pageParam, signal }) => listSessionAudit(sessionId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

/** Fetched only while the Activity disclosure is open. */
export const useSessionAudit = (sessionId: string, enabled: boolean) =>
  useInfiniteQuery({ ...listSessionAuditQueryOptions(sessionId), enabled });
