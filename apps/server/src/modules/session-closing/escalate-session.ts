import { AppError } from '@flowpilot/core/app-error';
import type { TEscalatePostRequest, TInterceptChoice } from '@flowpilot/contracts/session-closing';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { publishEscalationCreated } from '../escalations/publish-escalation-created.ts';
import type { FixRow } from '../session-core/fixes.repository.ts';
import { closeSession, type FixOutcomeStep } from './close-session.ts';

type RecordingChoice = Exclude<TInterceptChoice, 'never_applied'>;
const outcomes = {
  didnt_work: 'applied_failed',
  partial: 'applied_partial',
  worked_other_reason: 'applied_success',
} as const satisfies Record<RecordingChoice, string>;

/** Notes belong to one choice each; sending them with another is a contradiction, not a detail. */
function checkNotes(input: TEscalatePostRequest) {
  const errors = [];
  if (input.partial_notes !== undefined && input.intercept_choice !== 'partial') {
    errors.push({ field: 'partial_notes', message: 'is only for intercept_choice "partial"' });
  }
  if (input.failure_reason !== undefined && input.intercept_choice !== 'didnt_work') {
    errors.push({ field: 'failure_reason', message: 'is only for intercept_choice "didnt_work"' });
  }
  if (errors.length)
    throw new AppError('bad_request', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
}

function interceptStep(input: TEscalatePostRequest, fix: FixRow | null): FixOutcomeStep | null {
  const choice = input.intercept_choice;
  if (!choice || choice === 'never_applied') return null;
  if (!fix) throw new AppError('conflict', 'There is no active fix to record an outcome for.');
  const outcome = outcomes[choice];
  return {
    event: {
      type: 'outcome',
      outcome,
      ...(choice === 'partial' && input.partial_notes ? { partial_notes: input.partial_notes } : {}),
      ...(choice === 'didnt_work' && input.failure_reason ? { failure_reason: input.failure_reason } : {}),
    },
    action: `fix.outcome.${outcome}`,
    reason: { recorded_by: 'escalate', intercept_choice: choice },
  };
}

/**
 * Escalate. The EscalateInterceptDialog's choice is recorded on the active fix first, so the
 * package tells the next tier what really happened; "never applied" leaves the fix as it is.
 */
export async function escalateSession(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  input: TEscalatePostRequest,
) {
  checkNotes(input);
  const result = await closeSession(ctx, caller, sessionId, {
    kind: 'escalation_package',
    markdown: input.markdown,
    planFixStep: (fix) => interceptStep(input, fix),
  });
  // After the commit: the account's escalation queue shows it live (SPEC §7.5).
  await publishEscalationCreated(ctx, caller.accountId, sessionId);
  return result;
}
