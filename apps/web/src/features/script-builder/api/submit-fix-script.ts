import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse, FixScriptPatch } from '../types';

/**
 * Attaches the engineer's script to the pilot session's fix. A draft is not a run: the server
 * keeps `status` and `applied_at`, and bumps the session's state_version.
 */
export const submitFixScript = (aiSessionId: string, fixId: string, patch: FixScriptPatch) =>
  apiClient.patch<FixActionResponse>(
    `/ai-sessions/${encodeURIComponent(aiSessionId)}/suggested-fixes/${encodeURIComponent(fixId)}/script`,
    { body: patch },
  );

export function useSubmitFixScript(aiSessionId: string, fixId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: FixScriptPatch) => submitFixScript(aiSessionId, fixId, patch),
    // The pilot page reads the session (and its active fix) under ['ai-sessions', 'detail', id].
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ai-sessions', 'detail', aiSessionId] }),
  });
}
