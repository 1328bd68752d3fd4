import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CreateTemplateRequest, ScriptTemplate } from '../types';
import { templateKeys } from './query-keys';

/** Saves a finished script to the account's template library; 422 names the fields it rejects. */
export const createTemplate = (input: CreateTemplateRequest) =>
  apiClient.post<ScriptTemplate>('/script-templates', { body: input });

export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
