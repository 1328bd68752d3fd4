import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ScriptTemplate, UpdateTemplateRequest } from '../types';
import { templateKeys } from './query-keys';

/** Saves an edited template of the account's own; built-ins are read-only (403), 422 names the fields. */
export const updateTemplate = ({ id, ...input }: UpdateTemplateRequest & { id: string }) =>
  apiClient.patch<ScriptTemplate>(`/script-templates/${encodeURIComponent(id)}`, { body: input });

export function useUpdateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTemplate,
    // Lists, categories, the detail and every cached preview of it may change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
