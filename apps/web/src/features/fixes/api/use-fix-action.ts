import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FixActionResponse, SessionDetail } from '../types';
import { fixKeys } from './query-keys';

/**
 * Shared by every fix action: the answer carries the changed fix and the new state_version, so
 * the banner moves at once (no optimistic guess: the server's lifecycle decides the state), and
 * the session is refetched for whatever else the action touched.
 */
export function useFixAction<TInput>(
  sessionId: string,
  action: (input: TInput) => Promise<FixActionResponse>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: ({ fix, state_version }) => {
      queryClient.setQueryData<SessionDetail>(fixKeys.session(sessionId), (session) => {
        if (!session) return session;
        const isActive = fix.superseded_at === null;
        const activeFix = isActive ? fix : session.active_fix?.id === fix.id ? null : session.active_fix;
        return { ...session, active_fix: activeFix, state_version };
      });
    },
    // A 409 means the fix moved on elsewhere (another tab, the assistant): show what it is now.
    // Not awaited: the answer already moved the banner, so the caller's callbacks run now.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: fixKeys.session(sessionId) }),
  });
}
