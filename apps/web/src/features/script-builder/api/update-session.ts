import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { BuilderSession, BuilderSessionPatch } from '../types';
import { builderKeys } from './query-keys';

export const updateBuilderSession = (id: string, patch: BuilderSessionPatch) =>
  apiClient.patch<BuilderSession>(`/script-builder/sessions/${encodeURIComponent(id)}`, { body: patch });

/** Saves the engineer's own edits (script, file name, title, language); the list shows the new title. */
export function useUpdateBuilderSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: BuilderSessionPatch) => updateBuilderSession(id, patch),
    onSuccess: (session) => {
      queryClient.setQueryData(builderKeys.session(id), session);
      if (session.origin === 'standalone')
        return queryClient.invalidateQueries({ queryKey: builderKeys.list() });
    },
  });
}
