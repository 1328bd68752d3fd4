import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaConnection, PsaConnectionRequest } from '../types';
import { psaKeys } from './query-keys';

export const savePsaConnection = (input: PsaConnectionRequest) =>
  apiClient.put<PsaConnection>('/integrations/psa', { body: input });

export function useSavePsaConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePsaConnection,
    onSuccess: (connection) => {
      queryClient.setQueryData(psaKeys.connection(), connection);
      return queryClient.invalidateQueries({ queryKey: psaKeys.all });
    },
  });
}
