import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { AuthResponse, SignupRequest } from '../../../types/api';

export const signup = (input: SignupRequest) =>
  apiClient.post<AuthResponse>('/auth/signup', { body: input, skipAuthRedirect: true });

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signup,
    onSuccess: () => queryClient.removeQueries(),
  });
}
