import { apiClient } from '../../../lib/api-client';
import type { SuggestedFix } from '../types';

interface PilotSessionWithFix {
  active_fix: SuggestedFix | null;
}

/**
 * The active fix of a pilot session, for "Build a reusable template": its drafted script
 * seeds a new standalone builder session.
 */
export const getPilotActiveFix = async (aiSessionId: string, { signal }: { signal?: AbortSignal } = {}) => {
  const session = await apiClient.get<PilotSessionWithFix>(
    `/ai-sessions/${encodeURIComponent(aiSessionId)}`,
    {
      signal,
    },
  );
  return session.active_fix;
};
