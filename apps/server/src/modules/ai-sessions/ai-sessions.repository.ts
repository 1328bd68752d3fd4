import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TSession, TSessionDetail } from '@flowpilot/contracts/ai-sessions';
import type { Db, Tx } from '@flowpilot/db/database';
import { aiSessionMessages, aiSessions } from '@flowpilot/db/schema-sessions';

/**
 * A session as the app reads it: every column but the search vector, which only the
 * database's full-text index uses and which is large to ship and parse on every lock.
 */
const { searchVector: _searchVector, ...columns } = getTableColumns(aiSessions);
export const sessionColumns = columns;
export type SessionRow = Omit<typeof aiSessions.$inferSelect, 'searchVector'>;
/** Sessions belong to one engineer of one account; every lookup names both. */
export interface SessionOwner {
  accountId: string;
  userId: string;
}

export const ownedBy = (owner: SessionOwner) =>
  and(eq(aiSessions.accountId, owner.accountId), eq(aiSessions.userId, owner.userId));

export async function findOwnedSession(db: Db | Tx, owner: SessionOwner, id: string) {
  const [row] = await db
    .select(sessionColumns)
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
    .select(sessionColumns)
    .from(aiSessions)
    .where(and(ownedBy(owner), eq(aiSessions.id, id)))
    .for('update')
    .limit(1);
  if (!row) throw new AppError('not_found', 'No such session.');
  return row;
}

/**
 * lockOwnedSession for a new message: stamps last_message_at in the same statement (an
 * UPDATE takes the row lock too). A caller that then refuses the write rolls the stamp back.
 */
export async function lockOwnedSessionForMessage(tx: Tx, owner: SessionOwner, id: string) {
  const [row] = await tx
    .update(aiSessions)
    .set({ lastMessageAt: sql`now()` })
    .where(and(ownedBy(owner), eq(aiSessions.id, id)))
    .returning(sessionColumns);
  if (!row) throw new AppError('not_found', 'No such session.');
  return row;
}

/** Bumps state_version by exactly one; call once per note-relevant write, inside its transaction. */
export async function bumpStateVersion(
  tx: Tx,
  sessionId: string,
  extra: Partial<typeof aiSessions.$inferInsert> = {},
) {
  const [row] = await tx
    .update(aiSessions)
    .set({ ...extra, stateVersion: sql`${aiSessions.stateVersion} + 1`, updatedAt: new Date() })
    .where(eq(aiSessions.id, sessionId))
    .returning(sessionColumns);
  return row!;
}

export const assertSessionWritable = (session: SessionRow) => {
  if (session.status === 'resolved' || session.status === 'escalated') {
    throw new AppError('conflict', `This session is ${session.status} and read-only.`);
  }
};

/** Lists drop the posted texts (their schema has no place for them); the detail keeps them. */
export function toSessionDto(
  row: SessionRow,
): TSession & Pick<TSessionDetail, 'resolution_note' | 'escalation_package'> {
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
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    escalated_at: row.escalatedAt?.toISOString() ?? null,
    resolution_note: row.resolutionNote,
    escalation_package: row.escalationPackage,
  };
}

export type NewSession = Pick<
  typeof aiSessions.$inferInsert,
  'intakeType' | 'intakeContent' | 'title' | 'clientName' | 'assetName' | 'lastMessageAt'
>;

export async function insertSession(tx: Db | Tx, owner: SessionOwner, values: NewSession) {
  const [row] = await tx
    .insert(aiSessions)
    .values({
      ...values,
      accountId: owner.accountId,
      userId: owner.userId,
      taskLane: { questions: [], actions: [] },
    })
    .returning(sessionColumns);
  return row!;
}

/** The intake is the transcript's first message; it is the engineer's words, never parsed for markers. */
export async function insertIntakeMessage(
  tx: Db | Tx,
  session: Pick<SessionRow, 'id' | 'accountId'>,
  content: string,
  createdAt: Date,
) {
  const [row] = await tx
    .insert(aiSessionMessages)
    .values({
      accountId: session.accountId,
      aiSessionId: session.id,
      role: 'user',
      kind: 'intake',
      content,
      status: 'complete',
      createdAt,
      completedAt: createdAt,
    })
    .returning();
  return row!;
}

/** A position in the newest-first list: created_at to the microsecond (as ISO text) and id. */
export interface SessionKey {
  createdAt: string;
  id: string;
}

export interface SessionListFilter {
  status?: SessionRow['status'] | undefined;
  /** Web-search syntax; any text is accepted (websearch_to_tsquery never raises). */
  q?: string | undefined;
  after?: SessionKey | undefined;
  limit: number;
}

/** The caller's own sessions, newest first by (created_at, id), matching ix_ai_sessions_owner_created. */
export async function listOwnedSessions(db: Db | Tx, owner: SessionOwner, filter: SessionListFilter) {
  const conditions: (SQL | undefined)[] = [ownedBy(owner)];
  if (filter.status) conditions.push(eq(aiSessions.status, filter.status));
  if (filter.q) {
    conditions.push(sql`${aiSessions.searchVector} @@ websearch_to_tsquery('english', ${filter.q})`);
  }
  if (filter.after) {
    conditions.push(
      sql`(${aiSessions.createdAt}, ${aiSessions.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)`,
    );
  }
  return db
    .select({
      ...sessionColumns,
      // JS dates stop at milliseconds; the cursor must carry PostgreSQL's microseconds or rows get skipped.
      keyTime: sql<string>`to_char(${aiSessions.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(aiSessions)
    .where(and(...conditions))
    .orderBy(desc(aiSessions.createdAt), desc(aiSessions.id))
    .limit(filter.limit);
}

export type TriageChanges = Partial<
  Pick<SessionRow, 'clientName' | 'assetName' | 'issueCategory' | 'triageHypothesis' | 'title' | 'status'>
>;

/** Caller holds the session lock. */
export async function updateSessionTriage(tx: Tx, sessionId: string, changes: TriageChanges) {
  const [row] = await tx
    .update(aiSessions)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(aiSessions.id, sessionId))
    .returning(sessionColumns);
  return row!;
}
