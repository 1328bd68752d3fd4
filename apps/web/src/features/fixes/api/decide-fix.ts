import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse, FixDecisionRequest } from '../types';
import { fixPath } from './fix-path';
import { useFixAction } from './use-fix-action';

export interface DecideFixInput {
  fixId: string;
  decision: FixDecisionRequest;
}

/**
 * The NoTemplate choice: `one_off` and `draft_template` declare a run (Verifying; the latter
 * also queues a draft template), `build_template` stamps nothing, `dismissed` puts the fix aside.
 */
export const decideFix = ({ sessionId, fixId, decision }: DecideFixInput & { sessionId: string }) =>
  apiClient.post<FixActionResponse>(`${fixPath(sessionId, fixId)}/decision`, { body: decision });

export const useDecideFix = (sessionId: string) =>
  useFixAction(sessionId, (input: DecideFixInput) => decideFix({ sessionId, ...input }));
