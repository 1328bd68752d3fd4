import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CloseSessionResponse, EscalatePostRequest, ResolvePostRequest } from '../types';
import { closingPath } from './closing-path';
import { closingKeys } from './query-keys';

export type PostClosingInput =
  | { kind: 'resolution_note'; body: ResolvePostRequest }
  | { kind: 'escalation_package'; body: EscalatePostRequest };

/**
 * Resolves (resolution note) or escalates (escalation package) the session with the text; the
 * session is read-only afterwards. 409 when it is already resolved or escalated.
 */
export const postClosingText = (sessionId: string, { kind, body }: PostClosingInput) =>
  apiClient.post<CloseSessionResponse>(`${closingPath(sessionId, kind)}/post`, { body });

export function usePostClosingText(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PostClosingInput) => postClosingText(sessionId, input),
    onSuccess: ({ session }) => {
      // The page turns read-only at once; the refetches below bring the rest along.
      queryClient.setQueryData(closingKeys.session(sessionId), session);
      queryClient.removeQueries({ queryKey: closingKeys.previews(sessionId) });
    },
    // A 409 means it was closed elsewhere (another tab): show the session as it is now.
    // The session key covers its messages, facts and audit trail; the list shows the new status.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: closingKeys.session(sessionId) });
      void queryClient.invalidateQueries({ queryKey: closingKeys.lists() });
    },
  });
}
