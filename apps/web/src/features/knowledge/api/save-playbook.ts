import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CreatePlaybookRequest, PlaybookDetail, UpdatePlaybookRequest } from '../types';
import { knowledgeKeys } from './query-keys';

/** POST /playbooks, or PATCH /playbooks/{id} when editing. */
export const savePlaybook = ({
  id,
  body,
}: {
  id?: string | undefined;
  body: CreatePlaybookRequest | UpdatePlaybookRequest;
}) =>
  id
    ? apiClient.patch<PlaybookDetail>(`/playbooks/${encodeURIComponent(id)}`, { body })
    : apiClient.post<PlaybookDetail>('/playbooks', { body });

export function useSavePlaybook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePlaybook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}
