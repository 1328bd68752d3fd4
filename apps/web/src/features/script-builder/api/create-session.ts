import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { BuilderSession, CreateBuilderSessionRequest } from '../types';
import { builderKeys } from './query-keys';

/**
 * Standalone: 201 with a new session, or 409 past the cap (the detail says how to free one).
 * `pilot_inline` with `ai_session_id`: get-or-create — 201 the first time, 200 with the same
 * session afterwards, so the pilot page can call it on every first open.
 */
export const createBuilderSession = (input: CreateBuilderSessionRequest) =>
  apiClient.post<BuilderSession>('/script-builder/sessions', { body: input });

export function useCreateBuilderSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBuilderSession,
    onSuccess: (session) => {
      queryClient.setQueryData(builderKeys.session(session.id), session);
      if (session.origin === 'standalone')
        return queryClient.invalidateQueries({ queryKey: builderKeys.list() });
    },
  });
}
