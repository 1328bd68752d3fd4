import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { SessionDetail } from '../types';
import { pilotKeys } from './query-keys';

export const getSession = (id: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<SessionDetail>(`/ai-sessions/${encodeURIComponent(id)}`, { signal });

export const getSessionQueryOptions = (id: string) =>
  queryOptions({ queryKey: pilotKeys.session(id), queryFn: ({ signal }) => getSession(id, { signal }) });

/** The session with its task lane, active fix and the reply still being generated, if any. */
export const useSession = (id: string) => useQuery(getSessionQueryOptions(id));
