import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { BuilderSessionList } from '../types';
import { builderKeys } from './query-keys';

export const listBuilderSessions = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<BuilderSessionList>('/script-builder/sessions', { signal });

export const listBuilderSessionsQueryOptions = () =>
  queryOptions({ queryKey: builderKeys.list(), queryFn: ({ signal }) => listBuilderSessions({ signal }) });

/** The engineer's open standalone sessions and the cap they count against (inline ones never do). */
export const useBuilderSessions = () => useQuery(listBuilderSessionsQueryOptions());
