import { and, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { fixStateLabel, transition, type FixLifecycleState } from '@flowpilot/core/fix-lifecycle';
import type { TSuggestedFix } from '@flowpilot/contracts/suggested-fixes';
import type { Db, Tx } from '@flowpilot/db/database';
import { aiSessions, sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import {
  admitSession,
  getOwnedSession,
  inAccount,
  sessionColumns,
  type SessionCaller,
} from './sessions.repository.ts';

export type FixRow = typeof sessionSuggestedFixes.$inferSelect;

/**
 * Locks the session and then the fix, and reads both, in one statement: the hot path of every
 * fix action saves a round trip. Both rows are locked (session first, as every other writer
 * does, so no deadlock): PostgreSQL re-reads only the locked rows of a statement that waited,
 * so a fix merely joined to a locked session would come back as it was before the writer
 * ahead committed, and a second outcome would pass the lifecycle check.
 */
export async function lockSessionWithFix(tx: Tx, owner: SessionCaller, sessionId: string, fixId: string) {
  const [row] = await tx
    .select({ session: sessionColumns, fix: getTableColumns(sessionSuggestedFixes) })
    .from(aiSessions)
    .innerJoin(
      sessionSuggestedFixes,
      and(eq(sessionSuggestedFixes.aiSessionId, aiSessions.id), eq(sessionSuggestedFixes.id, fixId)),
    )
    .where(and(inAccount(owner), eq(aiSessions.id, sessionId)))
    .for('update', { of: [aiSessions, sessionSuggestedFixes] })
    .limit(1);
  if (row) return { ...row, session: admitSession(row.session, owner, 'write') };
  // Only the error path pays for telling a missing session from a missing fix.
  await getOwnedSession(tx, owner, sessionId);
  throw new AppError('not_found', 'No such fix in this session.');
}

/** Fixes are reached only through a session the caller already owns (checked by the caller). */
export async function listSessionFixes(db: Db | Tx, sessionId: string) {
  return db
    .select()
    .from(sessionSuggestedFixes)
    .where(eq(sessionSuggestedFixes.aiSessionId, sessionId))
    .orderBy(desc(sessionSuggestedFixes.createdAt));
}

export async function findActiveFix(db: Db | Tx, sessionId: string) {
  const [row] = await db
    .select()
    .from(sessionSuggestedFixes)
    .where(and(eq(sessionSuggestedFixes.aiSessionId, sessionId), isNull(sessionSuggestedFixes.supersededAt)))
    .limit(1);
  return row;
}

export async function findSessionFix(db: Db | Tx, sessionId: string, fixId: string) {
  const [row] = await db
    .select()
    .from(sessionSuggestedFixes)
    .where(and(eq(sessionSuggestedFixes.aiSessionId, sessionId), eq(sessionSuggestedFixes.id, fixId)))
    .limit(1);
  return row;
}

/**
 * Supersedes the active fix (if any) through the lifecycle and inserts the new one.
 * The caller holds the session lock. Returns the new fix and the one it replaced.
 */
export async function replaceActiveFix(
  tx: Tx,
  values: Omit<typeof sessionSuggestedFixes.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
) {
  const now = new Date();
  const previous = await findActiveFix(tx, values.aiSessionId);
  if (previous) {
    const superseded = transition(toLifecycleState(previous), { type: 'supersede' }, now);
    await tx
      .update(sessionSuggestedFixes)
      .set({ ...fromLifecycleState(superseded), updatedAt: now })
      .where(eq(sessionSuggestedFixes.id, previous.id));
  }
  const [row] = await tx.insert(sessionSuggestedFixes).values(values).returning();
  return { fix: row!, previous: previous ?? null };
}

/** The row's lifecycle columns in the shape `@flowpilot/core/fix-lifecycle` works on. */
export function toLifecycleState(row: FixRow): FixLifecycleState {
  return {
    status: row.status,
    user_decision: row.userDecision,
    applied_at: row.appliedAt,
    verified_at: row.verifiedAt,
    partial_notes: row.partialNotes,
    failure_reason: row.failureReason,
    ai_outcome_proposal: row.aiOutcomeProposal,
    superseded_at: row.supersededAt,
    ai_drafted_script: row.aiDraftedScript,
    ai_drafted_parameters: row.aiDraftedParameters,
    script_template_id: row.scriptTemplateId,
  };
}

/** Writes a lifecycle state back as column values. */
export function fromLifecycleState(state: FixLifecycleState) {
  return {
    status: state.status,
    userDecision: state.user_decision,
    appliedAt: state.applied_at,
    verifiedAt: state.verified_at,
    partialNotes: state.partial_notes,
    failureReason: state.failure_reason,
    aiOutcomeProposal: state.ai_outcome_proposal,
    supersededAt: state.superseded_at,
    aiDraftedScript: state.ai_drafted_script,
    aiDraftedParameters: state.ai_drafted_parameters,
    scriptTemplateId: state.script_template_id,
  };
}

export function toFixDto(row: FixRow): TSuggestedFix {
  return {
    id: row.id,
    ai_session_id: row.aiSessionId,
    title: row.title,
    description: row.description,
    confidence_pct: row.confidencePct,
    status: row.status,
    state_label: fixStateLabel(toLifecycleState(row)),
    user_decision: row.userDecision,
    script_template_id: row.scriptTemplateId,
    script_language: row.scriptLanguage,
    ai_drafted_script: row.aiDraftedScript,
    ai_drafted_parameters: row.aiDraftedParameters,
    applied_at: row.appliedAt?.toISOString() ?? null,
    verified_at: row.verifiedAt?.toISOString() ?? null,
    partial_notes: row.partialNotes,
    failure_reason: row.failureReason,
    ai_outcome_proposal: row.aiOutcomeProposal,
    superseded_at: row.supersededAt?.toISOString() ?? null,
    source: row.source,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
