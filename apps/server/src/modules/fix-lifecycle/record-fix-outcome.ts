import type { TFixOutcomeRequest } from '@flowpilot/contracts/suggested-fixes';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordTemplateOutcome } from '../script-templates/record-template-outcome.ts';
import { changeFix } from './change-fix.ts';

/** Records how the fix went — from the engineer directly, or by confirming the assistant's proposal. */
export async function recordFixOutcome(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  fixId: string,
  input: TFixOutcomeRequest | 'confirm-proposal',
) {
  const event =
    input === 'confirm-proposal'
      ? ({ type: 'proposal_confirm' } as const)
      : ({
          type: 'outcome',
          outcome: input.outcome,
          ...(input.partial_notes ? { partial_notes: input.partial_notes } : {}),
          ...(input.failure_reason ? { failure_reason: input.failure_reason } : {}),
        } as const);
  return changeFix(ctx, caller, sessionId, fixId, {
    event,
    action: input === 'confirm-proposal' ? 'fix.outcome_proposal_confirmed' : `fix.outcome.${input.outcome}`,
    // Outcomes feed the template's success rate in the library.
    after: async (tx, fix) => {
      if (fix.scriptTemplateId && fix.status !== 'dismissed' && fix.status !== 'proposed') {
        await recordTemplateOutcome(tx, caller, fix.scriptTemplateId, fix.status);
      }
    },
  });
}
