import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaTestResult } from '../types';
import { psaKeys } from './query-keys';

export const testPsaConnection = () => apiClient.post<PsaTestResult>('/integrations/psa/test');

export function useTestPsaConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testPsaConnection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: psaKeys.connection() }),
  });
}
