import { eq } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { transition, type FixEvent } from '@flowpilot/core/fix-lifecycle';
import type { TClosingKind, TCloseSessionResponse } from '@flowpilot/contracts/session-closing';
import type { Tx } from '@flowpilot/db/database';
import { sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { bumpStateVersion, lockOwnedSession, type SessionRow } from '../session-core/sessions.repository.ts';
import { getSessionDetail } from '../ai-sessions/get-session-detail.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { learnFromResolvedSession } from '../knowledge/learn-from-resolved-session.ts';
import { latestClaimBy } from '../escalations/escalations.repository.ts';
import { recordPsaDelivery } from '../psa/record-psa-delivery.ts';
import { recordTemplateOutcome } from '../script-templates/record-template-outcome.ts';
import {
  findActiveFix,
  fromLifecycleState,
  toLifecycleState,
  type FixRow,
} from '../session-core/fixes.repository.ts';
import { composeClosingText } from './compose-closing-text.ts';
import { loadSessionSnapshot } from './load-session-snapshot.ts';

/** What closing does to the active fix first: the outcome event and its audit action. */
export interface FixOutcomeStep {
  event: Extract<FixEvent, { type: 'outcome' }>;
  action: string;
  /** Why the outcome was recorded, kept in the audit row (implicit signal, intercept choice). */
  reason: Record<string, unknown>;
}

export interface CloseRequest {
  kind: TClosingKind;
  /** Edited markdown from the preview; composed from the session when absent. */
  markdown?: string | undefined;
  /** Decides the active fix's outcome step (if any), seeing the locked session's active fix. */
  planFixStep(activeFix: FixRow | null): FixOutcomeStep | null;
}

const auditView = (fix: FixRow) => ({
  status: fix.status,
  applied_at: fix.appliedAt?.toISOString() ?? null,
  verified_at: fix.verifiedAt?.toISOString() ?? null,
  partial_notes: fix.partialNotes,
  failure_reason: fix.failureReason,
});

/** The same steps change-fix takes for one fix, inside the closing transaction (one bump for both). */
async function applyFixStep(
  tx: Tx,
  caller: Caller,
  session: SessionRow,
  fix: FixRow,
  step: FixOutcomeStep,
  now: Date,
) {
  const next = transition(toLifecycleState(fix), step.event, now);
  const [updated] = await tx
    .update(sessionSuggestedFixes)
    .set({ ...fromLifecycleState(next), updatedAt: now })
    .where(eq(sessionSuggestedFixes.id, fix.id))
    .returning();
  if (fix.scriptTemplateId && step.event.outcome !== 'dismissed') {
    await recordTemplateOutcome(tx, caller, fix.scriptTemplateId, step.event.outcome);
  }
  await recordAuditEvent(tx, caller, {
    action: step.action,
    subjectType: 'suggested_fix',
    subjectId: fix.id,
    aiSessionId: session.id,
    before: auditView(fix),
    after: { ...auditView(updated!), ...step.reason },
  });
}

const closing = {
  resolution_note: { action: 'session.resolved', outcome: 'resolved_local' },
  escalation_package: { action: 'session.escalated', outcome: 'escalated_local' },
} as const;

/** PostgreSQL text cannot hold NUL (pasted binary output sometimes carries one). */
function editedText(markdown: string) {
  const text = markdown.replaceAll('\u0000', '');
  if (!text.trim()) {
    throw new AppError('validation_failed', 'The text is empty.', {
      errors: [{ field: 'body.markdown', message: 'must not be empty' }],
    });
  }
  return text;
}

/**
 * Resolve and Escalate in one transaction: lock the session, refuse a closed one, record the
 * active fix's outcome (through the lifecycle), compose the text from the updated state
 * unless the engineer sent an edit, store it, close the session, bump state_version once
 * and audit. The session is read-only afterwards.
 */
export async function closeSession(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  request: CloseRequest,
): Promise<TCloseSessionResponse> {
  const edited = request.markdown === undefined ? undefined : editedText(request.markdown);
  const target = closing[request.kind];
  const result = await ctx.database.db.transaction(async (tx) => {
    const session = await lockOwnedSession(tx, caller, sessionId);
    if (session.status === 'resolved' || session.status === 'escalated') {
      throw new AppError('conflict', `This session is already ${session.status}.`);
    }
    const now = new Date();
    const activeFix = (await findActiveFix(tx, session.id)) ?? null;
    const step = request.planFixStep(activeFix);
    if (step && activeFix) await applyFixStep(tx, caller, session, activeFix, step, now);

    const markdown = edited ?? composeClosingText(request.kind, await loadSessionSnapshot(tx, session));
    const closed = await bumpStateVersion(
      tx,
      session.id,
      request.kind === 'resolution_note'
        ? { status: 'resolved', resolutionNote: markdown, resolvedAt: now, closedByUserId: caller.userId }
        : {
            status: 'escalated',
            escalationPackage: markdown,
            escalatedAt: now,
            closedByUserId: caller.userId,
          },
    );
    await recordAuditEvent(tx, caller, {
      action: target.action,
      subjectType: 'ai_session',
      subjectId: session.id,
      aiSessionId: session.id,
      before: { status: session.status, state_version: session.stateVersion },
      after: {
        status: closed.status,
        state_version: closed.stateVersion,
        edited: edited !== undefined,
        length: markdown.length,
      },
    });
    // The flywheel: what this session teaches is proposed in the same transaction as the close.
    if (request.kind === 'resolution_note')
      await learnFromResolvedSession(tx, ctx, caller, closed, await loadSessionSnapshot(tx, closed));
    // A session started from a PSA ticket records its delivery here, in the closing transaction (the outbox).
    // A claimant's time entry covers their own stretch, from the claim, not the opener's too.
    const workStartedAt =
      (await latestClaimBy(tx, caller.accountId, session.id, caller.userId)) ?? session.createdAt;
    const delivery = await recordPsaDelivery(
      tx,
      caller,
      { id: session.id, workStartedAt },
      request.kind,
      markdown,
      now,
    );
    const outcome = delivery
      ? request.kind === 'resolution_note'
        ? 'resolved'
        : 'escalated'
      : target.outcome;
    return {
      outcome,
      session: await getSessionDetail(tx, caller, session.id),
      ...(delivery ? { delivery } : {}),
    } satisfies TCloseSessionResponse;
  });
  if (result.delivery) {
    await ctx.psaDeliveries?.enqueue(result.delivery.id).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'could not queue the PSA delivery; the sweep will');
    });
  }
  return result;
}
