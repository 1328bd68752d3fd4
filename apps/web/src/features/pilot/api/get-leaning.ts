import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Leaning } from '../types';
import { pilotKeys } from './query-keys';

export const getLeaning = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<Leaning>(`/ai-sessions/${encodeURIComponent(sessionId)}/leaning`, { signal });

/** Where the assistant leans now; read again whenever the session's state version moves. */
export const useLeaning = (sessionId: string, stateVersion: number) =>
  useQuery({
    queryKey: pilotKeys.leaning(sessionId, stateVersion),
    queryFn: ({ signal }) => getLeaning(sessionId, { signal }),
    // Keep showing the last belief while the next one is read, so the panel does not flicker.
    placeholderData: keepPreviousData,
  });
