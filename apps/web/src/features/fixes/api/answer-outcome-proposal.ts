import { apiClient } from '../../../lib/api-client';
import type { FixActionResponse } from '../types';
import { fixPath } from './fix-path';
import { useFixAction } from './use-fix-action';

export interface AnswerProposalInput {
  fixId: string;
  accept: boolean;
}

/** Confirms (records the proposed outcome) or rejects the assistant's [FIX_OUTCOME] proposal. */
export const answerOutcomeProposal = ({
  sessionId,
  fixId,
  accept,
}: AnswerProposalInput & { sessionId: string }) =>
  apiClient.post<FixActionResponse>(`${fixPath(sessionId, fixId)}/outcome-proposal`, { body: { accept } });

export const useAnswerOutcomeProposal = (sessionId: string) =>
  useFixAction(sessionId, (input: AnswerProposalInput) => answerOutcomeProposal({ sessionId, ...input }));
