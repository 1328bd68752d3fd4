import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@flowpilot/db/database';
import { users } from '@flowpilot/db/schema-accounts';
import { sessionEscalations } from '@flowpilot/db/schema-escalations';
import { aiSessions } from '@flowpilot/db/schema-sessions';
import { sessionColumns } from '../session-core/sessions.repository.ts';

const escalator = alias(users, 'escalator');
const claimant = alias(users, 'claimant');

/** The queue shows each session once: its latest escalation (a re-escalated session starts a new row). */
const latestOfItsSession = sql`NOT EXISTS (
  SELECT 1 FROM session_escalations later
  WHERE later.ai_session_id = ${sessionEscalations.aiSessionId}
    AND later.escalated_at > ${sessionEscalations.escalatedAt})`;

const QUEUE_LIMIT = 200;

/**
 * The account's escalations waiting or claimed and still being worked, oldest first. Resolved
 * ones leave the queue (their row keeps the durations for the metrics).
 */
export async function listQueue(db: Db | Tx, accountId: string, sessionId?: string) {
  return db
    .select({
      escalationId: sessionEscalations.id,
      sessionId: sessionEscalations.aiSessionId,
      title: aiSessions.title,
      status: aiSessions.status,
      escalationPackage: aiSessions.escalationPackage,
      escalatedById: sessionEscalations.escalatedBy,
      escalatedByName: escalator.name,
      escalatedAt: sessionEscalations.escalatedAt,
      claimedById: sessionEscalations.claimedBy,
      claimedByName: claimant.name,
      claimedAt: sessionEscalations.claimedAt,
      now: sql<Date>`now()`.mapWith(aiSessions.createdAt),
    })
    .from(sessionEscalations)
    .innerJoin(aiSessions, eq(aiSessions.id, sessionEscalations.aiSessionId))
    .leftJoin(escalator, eq(escalator.id, sessionEscalations.escalatedBy))
    .leftJoin(claimant, eq(claimant.id, sessionEscalations.claimedBy))
    .where(
      and(
        eq(sessionEscalations.accountId, accountId),
        sessionId ? eq(sessionEscalations.aiSessionId, sessionId) : undefined,
        isNull(sessionEscalations.resolvedAt),
        sql`${aiSessions.status} NOT IN ('resolved', 'abandoned')`,
        latestOfItsSession,
      ),
    )
    .orderBy(asc(sessionEscalations.escalatedAt), asc(sessionEscalations.id))
    .limit(QUEUE_LIMIT);
}
export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

/** The session's waiting escalation row, or undefined. */
export async function findWaitingEscalation(db: Db | Tx, accountId: string, sessionId: string) {
  const [row] = await db
    .select()
    .from(sessionEscalations)
    .where(
      and(
        eq(sessionEscalations.accountId, accountId),
        eq(sessionEscalations.aiSessionId, sessionId),
        isNull(sessionEscalations.claimedAt),
      ),
    )
    .limit(1);
  return row;
}

/** When `userId` last claimed this session, or undefined: where the claimant's own stretch of work starts. */
export async function latestClaimBy(db: Db | Tx, accountId: string, sessionId: string, userId: string) {
  const [row] = await db
    .select({ claimedAt: sessionEscalations.claimedAt })
    .from(sessionEscalations)
    .where(
      and(
        eq(sessionEscalations.accountId, accountId),
        eq(sessionEscalations.aiSessionId, sessionId),
        eq(sessionEscalations.claimedBy, userId),
      ),
    )
    .orderBy(desc(sessionEscalations.claimedAt))
    .limit(1);
  return row?.claimedAt ?? undefined;
}

/**
 * The claim: one conditional UPDATE decides it. Under concurrent claims PostgreSQL makes every
 * other UPDATE wait on the row and re-check its WHERE against the winner's version, which is no
 * longer `escalated`, so exactly one returns a row. The escalating engineer never matches.
 */
export async function takeEscalatedSession(
  tx: Tx,
  claim: { accountId: string; sessionId: string; userId: string },
) {
  const [row] = await tx
    .update(aiSessions)
    .set({
      status: 'active',
      assigneeId: claim.userId,
      stateVersion: sql`${aiSessions.stateVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(aiSessions.accountId, claim.accountId),
        eq(aiSessions.id, claim.sessionId),
        eq(aiSessions.status, 'escalated'),
        sql`${aiSessions.closedByUserId} IS DISTINCT FROM ${claim.userId}`,
      ),
    )
    .returning(sessionColumns);
  return row;
}

export async function markEscalationClaimed(tx: Tx, escalationId: string, userId: string, at: Date) {
  const [row] = await tx
    .update(sessionEscalations)
    .set({ claimedBy: userId, claimedAt: at })
    .where(and(eq(sessionEscalations.id, escalationId), isNull(sessionEscalations.claimedAt)))
    .returning();
  return row;
}

export async function userName(db: Db | Tx, accountId: string, userId: string | null) {
  if (!userId) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * Durations per account over a window, for the analytics page to come (issue 17 §5): medians
 * of the generated columns of session_escalations.
 */
export async function escalationMetrics(db: Db | Tx, accountId: string, since: Date) {
  const [row] = await db
    .select({
      escalations: sql<number>`count(*)::int`,
      claimed: sql<number>`count(${sessionEscalations.claimedAt})::int`,
      resolvedAfterClaim: sql<number>`count(${sessionEscalations.resolvedAt})::int`,
      medianToClaim: sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sessionEscalations.secondsToClaim})`,
      medianClaimToResolution: sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sessionEscalations.secondsClaimToResolution})`,
    })
    .from(sessionEscalations)
    .where(
      and(
        eq(sessionEscalations.accountId, accountId),
        sql`${sessionEscalations.escalatedAt} >= ${since.toISOString()}::timestamptz`,
      ),
    );
  return row!;
}
