import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CreateSessionRequest, SessionDetail } from '../types';
import { pilotKeys } from './query-keys';

export const createSession = (input: CreateSessionRequest) =>
  apiClient.post<SessionDetail>('/ai-sessions', { body: input });

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSession,
    onSuccess: (session) => {
      // The chat page opens from the cache, then resumes the first reply already streaming.
      queryClient.setQueryData(pilotKeys.session(session.id), session);
      return queryClient.invalidateQueries({ queryKey: pilotKeys.lists() });
    },
  });
}
