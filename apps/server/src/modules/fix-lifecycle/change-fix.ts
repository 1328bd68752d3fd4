import { eq } from 'drizzle-orm';
import { transition, type FixEvent } from '@flowpilot/core/fix-lifecycle';
import type { Tx } from '@flowpilot/db/database';
import { sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  assertSessionWritable,
  bumpStateVersion,
  type SessionRow,
} from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import {
  fromLifecycleState,
  lockSessionWithFix,
  toFixDto,
  toLifecycleState,
  type FixRow,
} from '../session-core/fixes.repository.ts';

export interface FixChange {
  event: FixEvent;
  /** Audit action, e.g. `fix.applied`. */
  action: string;
  /** Extra columns the event does not own (e.g. a script's language). */
  extra?: Partial<typeof sessionSuggestedFixes.$inferInsert>;
  /** Runs inside the same transaction after the fix is updated (draft creation, counters). */
  after?:
    ((tx: Tx, fix: FixRow, session: SessionRow) => Promise<{ draftTemplateId?: string } | void>) | undefined;
}

const auditView = (fix: FixRow) => ({
  status: fix.status,
  user_decision: fix.userDecision,
  applied_at: fix.appliedAt?.toISOString() ?? null,
  superseded_at: fix.supersededAt?.toISOString() ?? null,
  ai_outcome_proposal: fix.aiOutcomeProposal,
  partial_notes: fix.partialNotes,
  failure_reason: fix.failureReason,
  script_length: fix.aiDraftedScript?.length ?? 0,
});

/**
 * The one path every fix lifecycle action takes: lock the session and the fix (reading both
 * in one statement), run the pure transition (which refuses with 409), write the row, bump
 * state_version by one and append an audit row — all in one transaction, so concurrent actions queue on the lock.
 */
export async function changeFix(
  ctx: AppContext,
  caller: Caller,
  sessionId: string,
  fixId: string,
  change: FixChange,
) {
  return ctx.database.db.transaction(async (tx) => {
    const { session, fix } = await lockSessionWithFix(tx, caller, sessionId, fixId);
    assertSessionWritable(session);
    const now = new Date();
    const next = transition(toLifecycleState(fix), change.event, now);
    const [updated] = await tx
      .update(sessionSuggestedFixes)
      .set({ ...fromLifecycleState(next), ...change.extra, updatedAt: now })
      .where(eq(sessionSuggestedFixes.id, fix.id))
      .returning();
    const extra = (await change.after?.(tx, updated!, session)) ?? {};
    const bumped = await bumpStateVersion(tx, sessionId);
    await recordAuditEvent(tx, caller, {
      action: change.action,
      subjectType: 'suggested_fix',
      subjectId: fix.id,
      aiSessionId: sessionId,
      before: auditView(fix),
      after: auditView(updated!),
    });
    return {
      fix: toFixDto(updated!),
      state_version: bumped.stateVersion,
      draft_template_id: extra.draftTemplateId ?? null,
    };
  });
}
