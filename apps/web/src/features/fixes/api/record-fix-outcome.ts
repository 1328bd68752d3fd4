import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse, FixOutcomeRequest } from '../types';
import { fixPath } from './fix-path';
import { useFixAction } from './use-fix-action';

export interface RecordOutcomeInput {
  fixId: string;
  outcome: FixOutcomeRequest;
}

/** Worked, didn't work, partially, or dismissed. An outcome implies a run (except dismissing). */
export const recordFixOutcome = ({ sessionId, fixId, outcome }: RecordOutcomeInput & { sessionId: string }) =>
  apiClient.patch<FixActionResponse>(`${fixPath(sessionId, fixId)}/outcome`, { body: outcome });

export const useRecordFixOutcome = (sessionId: string) =>
  useFixAction(sessionId, (input: RecordOutcomeInput) => recordFixOutcome({ sessionId, ...input }));
