import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse } from '../types';
import { fixPath } from './fix-path';
import { useFixAction } from './use-fix-action';

/** Declares the script was run ("I ran this"): stamps applied_at, so the fix is Verifying. */
export const applyFix = ({ sessionId, fixId }: { sessionId: string; fixId: string }) =>
  apiClient.post<FixActionResponse>(`${fixPath(sessionId, fixId)}/apply`);

export const useApplyFix = (sessionId: string) =>
  useFixAction(sessionId, (fixId: string) => applyFix({ sessionId, fixId }));
