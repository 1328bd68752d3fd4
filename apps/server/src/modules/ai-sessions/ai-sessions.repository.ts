import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TSession } from '@flowpilot/contracts/ai-sessions';
import type { Db, Tx } from '@flowpilot/db/database';
import { aiSessions } from '@flowpilot/db/schema-sessions';

export type SessionRow = typeof aiSessions.$inferSelect;
/** Sessions belong to one engineer of one account; every lookup names both. */
export interface SessionOwner {
  accountId: string;
  userId: string;
}

export const ownedBy = (owner: SessionOwner) =>
  and(eq(aiSessions.accountId, owner.accountId), eq(aiSessions.userId, owner.userId));

export async function findOwnedSession(db: Db | Tx, owner: SessionOwner, id: string) {
  const [row] = await db
    .select()
    .from(aiSessions)
    .where(and(ownedBy(owner), eq(aiSessions.id, id)))
    .limit(1);
  return row;
}

export async function getOwnedSession(db: Db | Tx, owner: SessionOwner, id: string) {
  const row = await findOwnedSession(db, owner, id);
  if (!row) throw new AppError('not_found', 'No such session.');
  return row;
}

/**
 * Locks the session row for the rest of the transaction. Every write that changes what a
 * note would say goes through here, so concurrent writers queue instead of losing a bump.
 */
export async function lockOwnedSession(tx: Tx, owner: SessionOwner, id: string) {
  const [row] = await tx
    .select()
    .from(aiSessions)
    .where(and(ownedBy(owner), eq(aiSessions.id, id)))
    .for('update')
    .limit(1);
  if (!row) throw new AppError('not_found', 'No such session.');
  return row;
}

/** Bumps state_version by exactly one; call once per note-relevant write, inside its transaction. */
export async function bumpStateVersion(tx: Tx, sessionId: string, extra: Partial<typeof aiSessions.$inferInsert> = {}) {
  const [row] = await tx
    .update(aiSessions)
    .set({ ...extra, stateVersion: sql`${aiSessions.stateVersion} + 1`, updatedAt: new Date() })
    .where(eq(aiSessions.id, sessionId))
    .returning();
  return row!;
}

export const assertSessionWritable = (session: SessionRow) => {
  if (session.status === 'resolved' || session.status === 'escalated') {
    throw new AppError('conflict', `This session is ${session.status} and read-only.`);
  }
};

export function toSessionDto(row: SessionRow): TSession {
  return {
    id: row.id,
    title: row.title,
    session_type: 'tshoot',
    status: row.status,
    intake_type: row.intakeType,
    intake_content: row.intakeContent,
    confidence_score: row.confidenceScore,
    confidence_tier: row.confidenceTier,
    client_name: row.clientName,
    asset_name: row.assetName,
    issue_category: row.issueCategory,
    triage_hypothesis: row.triageHypothesis,
    state_version: row.stateVersion,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_message_at: row.lastMessageAt?.toISOString() ?? null,
  };
}
