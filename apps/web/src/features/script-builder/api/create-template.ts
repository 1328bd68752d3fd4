import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CreateTemplateRequest, ScriptTemplate } from '../types';

/** Saves a finished script to the account's template library; 422 names the fields it rejects. */
export const createTemplate = (input: CreateTemplateRequest) =>
  apiClient.post<ScriptTemplate>('/script-templates', { body: input });

export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTemplate,
    // The library page (another feature) lists templates under this key prefix.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['script-templates'] }),
  });
}
