import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { builderKeys } from './query-keys';

export const deleteBuilderSession = (id: string) =>
  apiClient.delete<void>(`/script-builder/sessions/${encodeURIComponent(id)}`);

/** Closes a standalone session, which frees a place under the cap. */
export function useDeleteBuilderSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBuilderSession,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: builderKeys.session(id) });
      return queryClient.invalidateQueries({ queryKey: builderKeys.list() });
    },
  });
}
