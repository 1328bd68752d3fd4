import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaDelivery } from '../types';
import { psaKeys } from './query-keys';

export const retryPsaDelivery = (sessionId: string) =>
  apiClient.post<PsaDelivery>(`/ai-sessions/${encodeURIComponent(sessionId)}/psa-delivery/retry`);

export function useRetryPsaDelivery(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => retryPsaDelivery(sessionId),
    onSuccess: (delivery) => queryClient.setQueryData(psaKeys.delivery(sessionId), delivery),
  });
}
