import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse, SessionDetail } from '../types';
import { closingKeys } from './query-keys';

export type InterceptOutcome = 'applied_failed' | 'applied_partial' | 'applied_success';

/**
 * Records the EscalateInterceptDialog's answer on the fix before the package is composed, so
 * the preview already tells the next tier what happened (the outcome PATCH of the fix lifecycle).
 */
export const recordInterceptOutcome = ({
  sessionId,
  fixId,
  outcome,
}: {
  sessionId: string;
  fixId: string;
  outcome: InterceptOutcome;
}) =>
  apiClient.patch<FixActionResponse>(
    `/ai-sessions/${encodeURIComponent(sessionId)}/suggested-fixes/${encodeURIComponent(fixId)}/outcome`,
    { body: { outcome } },
  );

export function useRecordInterceptOutcome(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { fixId: string; outcome: InterceptOutcome }) =>
      recordInterceptOutcome({ sessionId, ...input }),
    // The new state_version is in the cache before the preview opens, so it asks for the new text.
    onSuccess: ({ fix, state_version }) => {
      queryClient.setQueryData<SessionDetail>(closingKeys.session(sessionId), (session) =>
        session
          ? { ...session, active_fix: fix.superseded_at === null ? fix : null, state_version }
          : session,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: closingKeys.session(sessionId) }),
  });
}
