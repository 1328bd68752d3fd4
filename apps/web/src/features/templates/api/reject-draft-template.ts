import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { DraftTemplate } from '../types';
import { templateKeys } from './query-keys';

export const rejectDraftTemplate = (id: string) =>
  apiClient.post<{ draft: DraftTemplate }>(`/draft-templates/${encodeURIComponent(id)}/reject`);

export function useRejectDraftTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectDraftTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.drafts() }),
  });
}
