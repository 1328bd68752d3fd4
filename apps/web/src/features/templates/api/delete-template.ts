import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { templateKeys } from './query-keys';

/** Removes a template of the account's own from the library (fixes that used it keep their record). */
export const deleteTemplate = (id: string) =>
  apiClient.delete<void>(`/script-templates/${encodeURIComponent(id)}`);

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTemplate,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: templateKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: templateKeys.all });
    },
  });
}
