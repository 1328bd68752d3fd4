import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { useLogout } from '../api/logout';

/**
 * Signs out, leaves the signed-in layout, then drops every cached query. The order matters:
 * clearing first would make the still-mounted layout refetch `/auth/me`, get a 401 and bounce
 * to `/login?next=…`.
 */
export function useSignOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const leave = async () => {
    await navigate('/login', { replace: true });
    queryClient.removeQueries();
  };

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: leave,
      // Already signed out on the server (expired session): the outcome the user wanted.
      onError: (error) => {
        if (isApiError(error) && error.status === 401) void leave();
      },
    });

  return { signOut, isPending: logout.isPending, error: logout.error };
}
