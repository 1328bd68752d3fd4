import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { AcceptDraftRequest, DraftTemplate, ScriptTemplate } from '../types';
import { templateKeys } from './query-keys';

export const acceptDraftTemplate = ({ id, changes }: { id: string; changes: AcceptDraftRequest }) =>
  apiClient.post<{ draft: DraftTemplate; template: ScriptTemplate }>(
    `/draft-templates/${encodeURIComponent(id)}/accept`,
    { body: changes },
  );

/** Promotes a draft into the library: the queue and the library both change. */
export function useAcceptDraftTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptDraftTemplate,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: templateKeys.drafts() }),
        queryClient.invalidateQueries({ queryKey: templateKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: templateKeys.categories() }),
      ]),
  });
}
