import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { AuthResponse, LoginRequest } from '../../../types/api';

// A 401 here means "wrong email or password", not "session expired": no redirect.
export const login = (input: LoginRequest) =>
  apiClient.post<AuthResponse>('/auth/login', { body: input, skipAuthRedirect: true });

/**
 * The session lives in the httpOnly cookie the server sets; the bearer token in the response
 * is deliberately not stored (nothing script-readable to steal).
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // Whatever was cached belonged to the previous session.
    onSuccess: () => queryClient.removeQueries(),
  });
}
