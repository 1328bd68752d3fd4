import { useMutation } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';

export const logout = () => apiClient.post<void>('/auth/logout', { skipAuthRedirect: true });

/** Cache clean-up happens after leaving the signed-in layout; see `useSignOut`. */
export const useLogout = () => useMutation({ mutationFn: logout });
