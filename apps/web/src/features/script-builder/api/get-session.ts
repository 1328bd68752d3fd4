import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { BuilderSession } from '../types';
import { builderKeys } from './query-keys';

export const getBuilderSession = (id: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<BuilderSession>(`/script-builder/sessions/${encodeURIComponent(id)}`, { signal });

export const getBuilderSessionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: builderKeys.session(id),
    queryFn: ({ signal }) => getBuilderSession(id, { signal }),
  });

/** The session with its language, title and the latest script the assistant (or engineer) wrote. */
export const useBuilderSession = (id: string) => useQuery(getBuilderSessionQueryOptions(id));
