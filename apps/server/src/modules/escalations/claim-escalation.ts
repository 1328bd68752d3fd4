import { and, eq } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { claimRefusal } from '@flowpilot/core/session-access';
import type { TClaimResponse } from '@flowpilot/contracts/escalations';
import { aiSessions, aiSessionMessages } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getSessionDetail } from '../ai-sessions/get-session-detail.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { escalationFeedOf } from './escalation-feed.ts';
import {
  findWaitingEscalation,
  markEscalationClaimed,
  takeEscalatedSession,
  userName,
} from './escalations.repository.ts';

export const handoffText = (claimant: string, from: string) => `Picked up by ${claimant} from ${from}.`;

/**
 * Claims an escalated session: exactly one of any number of concurrent claimants wins (the
 * conditional UPDATE in takeEscalatedSession). The winner's transaction reopens the session as
 * `active` with them as assignee, bumps state_version once, stamps the escalation row (the
 * time-to-claim metric), writes the transcript's handoff entry and the audit row; then the
 * account's queue hears `escalation_claimed`.
 */
export async function claimEscalation(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
): Promise<TClaimResponse> {
  const db = ctx.database.db;
  const [current] = await db
    .select({
      status: aiSessions.status,
      closedByUserId: aiSessions.closedByUserId,
      escalatedAt: aiSessions.escalatedAt,
    })
    .from(aiSessions)
    .where(and(eq(aiSessions.accountId, caller.accountId), eq(aiSessions.id, sessionId)))
    .limit(1);
  // Not in this account, or never escalated: there is nothing in the queue to claim.
  if (!current?.escalatedAt) throw new AppError('not_found', 'No such escalation.');
  const refusal = claimRefusal({ status: current.status, escalatedById: current.closedByUserId }, caller);
  if (refusal) throw new AppError(refusal.code, refusal.message);

  const { claimedAt, claimantName } = await db.transaction(async (tx) => {
    const taken = await takeEscalatedSession(tx, {
      accountId: caller.accountId,
      sessionId,
      userId: caller.userId,
    });
    if (!taken) throw new AppError('conflict', 'Someone has already picked this escalation up.');
    const escalation = await findWaitingEscalation(tx, caller.accountId, sessionId);
    const at = new Date();
    if (escalation) await markEscalationClaimed(tx, escalation.id, caller.userId, at);
    const claimant = await userName(tx, caller.accountId, caller.userId);
    const from = await userName(tx, caller.accountId, escalation?.escalatedBy ?? taken.closedByUserId);
    await tx.insert(aiSessionMessages).values({
      accountId: caller.accountId,
      aiSessionId: sessionId,
      role: 'assistant',
      kind: 'handoff',
      content: handoffText(claimant?.name ?? 'an engineer', from?.name ?? 'the escalating engineer'),
      status: 'complete',
      completedAt: at,
    });
    await recordAuditEvent(tx, caller, {
      action: 'session.claimed',
      subjectType: 'ai_session',
      subjectId: sessionId,
      aiSessionId: sessionId,
      before: { status: 'escalated', assignee_id: null, state_version: taken.stateVersion - 1 },
      after: {
        status: taken.status,
        assignee_id: caller.userId,
        escalated_by: from?.id ?? null,
        state_version: taken.stateVersion,
      },
    });
    return { claimedAt: at, claimantName: claimant?.name ?? '' };
  });
  escalationFeedOf(ctx).publish(caller.accountId, {
    event: 'escalation_claimed',
    data: {
      session_id: sessionId,
      claimed_by: { id: caller.userId, name: claimantName },
      claimed_at: claimedAt.toISOString(),
    },
  });
  return { session: await getSessionDetail(db, caller, sessionId) };
}
