import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { MessageList } from '../types';
import { pilotKeys } from './query-keys';

export const listMessages = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<MessageList>(`/ai-sessions/${encodeURIComponent(sessionId)}/messages`, { signal });

export const listMessagesQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: pilotKeys.messages(sessionId),
    queryFn: ({ signal }) => listMessages(sessionId, { signal }),
  });

export const useMessages = (sessionId: string) => useQuery(listMessagesQueryOptions(sessionId));
