import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { BuilderMessageList } from '../types';
import { builderKeys } from './query-keys';

export const listBuilderMessages = (id: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<BuilderMessageList>(`/script-builder/sessions/${encodeURIComponent(id)}/messages`, {
    signal,
  });

export const listBuilderMessagesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: builderKeys.messages(id),
    queryFn: ({ signal }) => listBuilderMessages(id, { signal }),
  });

/** The builder conversation, oldest first. Pass `enabled: false` until the session id is known. */
export const useBuilderMessages = (id: string | null) =>
  useQuery({ ...listBuilderMessagesQueryOptions(id ?? ''), enabled: id !== null });
