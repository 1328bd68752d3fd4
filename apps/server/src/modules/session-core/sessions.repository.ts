import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { sessionAccess, type SessionAccess, type SessionAccessRole } from '@flowpilot/core/session-access';
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
/** Who is asking, as the access rule needs it (the request's Caller fits). */
export interface SessionCaller extends SessionOwner {
  role: SessionAccessRole;
}

/** Strictly the opener's sessions (lists, inserts). Single-session lookups go through admitSession. */
export const ownedBy = (owner: SessionOwner) =>
  and(eq(aiSessions.accountId, owner.accountId), eq(aiSessions.userId, owner.userId));

/** The tenant half of every lookup; which of the account's sessions the caller may use is admitSession's. */
export const inAccount = (caller: SessionOwner) => eq(aiSessions.accountId, caller.accountId);

export type AccessFacts = Pick<SessionRow, 'userId' | 'assigneeId' | 'escalatedAt'>;

export const accessOf = (session: AccessFacts, caller: SessionCaller): SessionAccess =>
  sessionAccess(
    { ownerId: session.userId, assigneeId: session.assigneeId, escalated: session.escalatedAt !== null },
    caller,
  );

/**
 * The one place the access rule (core/session-access, ADR 015) is applied to a session of the
 * caller's account. No access answers 404 like another account's id; reading someone else's
 * session you may only read, when the request would change it, answers 403.
 */
export function admitSession<T extends AccessFacts>(
  session: T | undefined,
  caller: SessionCaller,
  need: 'read' | 'write',
): T {
  const access = session ? accessOf(session, caller) : 'none';
  if (!session || access === 'none') throw new AppError('not_found', 'No such session.');
  if (need === 'write' && access !== 'write') {
    throw new AppError(
      'forbidden',
      session.assigneeId
        ? 'This session was handed over; only its assignee can change it.'
        : 'Only the engineer working this session can change it. Claim it from the escalation queue first.',
    );
  }
  return session;
}

export async function findOwnedSession(db: Db | Tx, caller: SessionCaller, id: string) {
  const [row] = await db
    .select(sessionColumns)
    .from(aiSessions)
    .where(and(inAccount(caller), eq(aiSessions.id, id)))
    .limit(1);
  return row && accessOf(row, caller) !== 'none' ? row : undefined;
}

/** A session the caller may read (its opener, its assignee, or anyone once escalated, per the rule). */
export async function getOwnedSession(db: Db | Tx, caller: SessionCaller, id: string) {
  const row = await findOwnedSession(db, caller, id);
  if (!row) throw new AppError('not_found', 'No such session.');
  return row;
}

/** A session the caller works (no lock): for writes elsewhere that hang off the session. */
export async function getWritableSession(db: Db | Tx, caller: SessionCaller, id: string) {
  const [row] = await db
    .select(sessionColumns)
    .from(aiSessions)
    .where(and(inAccount(caller), eq(aiSessions.id, id)))
    .limit(1);
  return admitSession(row, caller, 'write');
}

/**
 * Locks the session row for the rest of the transaction. Every write that changes what a
 * note would say goes through here, so concurrent writers queue instead of losing a bump.
 * Only the session's worker (assignee, else opener) gets past it.
 */
export async function lockOwnedSession(tx: Tx, caller: SessionCaller, id: string) {
  const [row] = await tx
    .select(sessionColumns)
    .from(aiSessions)
    .where(and(inAccount(caller), eq(aiSessions.id, id)))
    .for('update')
    .limit(1);
  return admitSession(row, caller, 'write');
}

/**
 * lockOwnedSession for a new message: stamps last_message_at in the same statement (an
 * UPDATE takes the row lock too). A caller that then refuses the write rolls the stamp back,
 * and so does a caller the access rule turns away (the throw aborts the transaction).
 */
export async function lockOwnedSessionForMessage(tx: Tx, caller: SessionCaller, id: string) {
  const [row] = await tx
    .update(aiSessions)
    .set({ lastMessageAt: sql`now()` })
    .where(and(inAccount(caller), eq(aiSessions.id, id)))
    .returning(sessionColumns);
  return admitSession(row, caller, 'write');
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
export function listOwnedSessions(db: Db | Tx, owner: SessionOwner, filter: SessionListFilter) {
  return listSessionsWhere(db, ownedBy(owner), filter);
}

/**
 * Sessions someone else opened that the caller claimed from the escalation queue (ADR 015), in the
 * same order. Few per engineer, so the account's rows are filtered rather than indexed.
 */
export function listAssignedSessions(db: Db | Tx, owner: SessionOwner, filter: SessionListFilter) {
  return listSessionsWhere(
    db,
    and(
      eq(aiSessions.accountId, owner.accountId),
      eq(aiSessions.assigneeId, owner.userId),
      sql`${aiSessions.userId} <> ${owner.userId}`,
    ),
    filter,
  );
}

async function listSessionsWhere(db: Db | Tx, scope: SQL | undefined, filter: SessionListFilter) {
  const conditions: (SQL | undefined)[] = [scope];
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
