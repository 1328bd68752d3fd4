import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ClaimResponse } from '../types';
import { escalationKeys } from './query-keys';

export const claimEscalation = (sessionId: string) =>
  apiClient.post<ClaimResponse>(`/escalations/${encodeURIComponent(sessionId)}/claim`);

/** One claimant wins; the others get 409 ("already picked up"), shown by the caller. */
export const useClaimEscalation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimEscalation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: escalationKeys.all }),
  });
};
