import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { psaKeys } from './query-keys';

export const deletePsaConnection = () => apiClient.delete<void>('/integrations/psa');

export function useDeletePsaConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePsaConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: psaKeys.all }),
  });
}
