import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TScriptBuilderMessage, TScriptBuilderSession } from '@flowpilot/contracts/script-builder';
import type { Db, Tx } from '@flowpilot/db/database';
import { scriptBuilderMessages, scriptBuilderSessions } from '@flowpilot/db/schema-builder';

export type BuilderSessionRow = typeof scriptBuilderSessions.$inferSelect;
export type BuilderMessageRow = typeof scriptBuilderMessages.$inferSelect;

/** Builder sessions belong to one engineer of one account; every lookup names both. */
export interface BuilderOwner {
  accountId: string;
  userId: string;
}

const ownedBy = (owner: BuilderOwner) =>
  and(eq(scriptBuilderSessions.accountId, owner.accountId), eq(scriptBuilderSessions.userId, owner.userId));
const live = isNull(scriptBuilderSessions.deletedAt);
const standalone = eq(scriptBuilderSessions.origin, 'standalone');

export const UNTITLED = 'Untitled script';

export function toBuilderSessionDto(row: BuilderSessionRow): TScriptBuilderSession {
  return {
    id: row.id,
    language: row.language,
    origin: row.origin,
    ai_session_id: row.aiSessionId,
    title: row.title ?? UNTITLED,
    latest_script: row.latestScript,
    latest_script_filename: row.latestScriptFilename,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toBuilderMessageDto(row: BuilderMessageRow): TScriptBuilderMessage {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    status: row.status,
    error: row.error,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    context: (row.context as TScriptBuilderMessage['context']) ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** A live (not deleted) session of the caller's, or undefined. */
export async function findOwnedBuilderSession(db: Db | Tx, owner: BuilderOwner, id: string) {
  const [row] = await db
    .select()
    .from(scriptBuilderSessions)
    .where(and(ownedBy(owner), live, eq(scriptBuilderSessions.id, id)))
    .limit(1);
  return row;
}

export async function getOwnedBuilderSession(db: Db | Tx, owner: BuilderOwner, id: string) {
  const row = await findOwnedBuilderSession(db, owner, id);
  if (!row) throw new AppError('not_found', 'No such Script Builder session.');
  return row;
}

/** Locks the session row for the rest of the transaction (one turn at a time). */
export async function lockOwnedBuilderSession(tx: Tx, owner: BuilderOwner, id: string) {
  const [row] = await tx
    .select()
    .from(scriptBuilderSessions)
    .where(and(ownedBy(owner), live, eq(scriptBuilderSessions.id, id)))
    .for('update')
    .limit(1);
  if (!row) throw new AppError('not_found', 'No such Script Builder session.');
  return row;
}

/** The caller's open standalone sessions, newest first. Inline ones live in their pilot session. */
export function listOwnedStandaloneSessions(db: Db | Tx, owner: BuilderOwner) {
  return db
    .select()
    .from(scriptBuilderSessions)
    .where(and(ownedBy(owner), live, standalone))
    .orderBy(desc(scriptBuilderSessions.createdAt), desc(scriptBuilderSessions.id));
}

export async function countOwnedStandaloneSessions(db: Db | Tx, owner: BuilderOwner) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scriptBuilderSessions)
    .where(and(ownedBy(owner), live, standalone));
  return row?.n ?? 0;
}

export type NewBuilderSession = Pick<
  typeof scriptBuilderSessions.$inferInsert,
  'language' | 'aiSessionId' | 'title' | 'latestScript' | 'latestScriptFilename'
>;

export async function insertStandaloneSession(tx: Db | Tx, owner: BuilderOwner, values: NewBuilderSession) {
  const [row] = await tx
    .insert(scriptBuilderSessions)
    .values({ ...values, origin: 'standalone', accountId: owner.accountId, userId: owner.userId })
    .returning();
  return row!;
}

/**
 * Inserts the inline session for (user, pilot session) unless one exists. The partial unique
 * index decides between racing requests: the losers insert nothing and read the winner's row.
 */
export async function insertInlineSessionIfAbsent(
  db: Db | Tx,
  owner: BuilderOwner,
  values: NewBuilderSession & { aiSessionId: string },
) {
  const [inserted] = await db
    .insert(scriptBuilderSessions)
    .values({ ...values, origin: 'pilot_inline', accountId: owner.accountId, userId: owner.userId })
    .onConflictDoNothing({
      target: [scriptBuilderSessions.userId, scriptBuilderSessions.aiSessionId],
      where: sql.raw(`origin = 'pilot_inline'`),
    })
    .returning();
  if (inserted) return { row: inserted, created: true };
  const [existing] = await db
    .select()
    .from(scriptBuilderSessions)
    .where(
      and(
        ownedBy(owner),
        eq(scriptBuilderSessions.origin, 'pilot_inline'),
        eq(scriptBuilderSessions.aiSessionId, values.aiSessionId),
      ),
    )
    .limit(1);
  if (!existing) throw new Error('inline Script Builder session vanished between insert and read');
  return { row: existing, created: false };
}

export type BuilderSessionChanges = Partial<
  Pick<BuilderSessionRow, 'title' | 'language' | 'latestScript' | 'latestScriptFilename' | 'deletedAt'>
>;

/** Caller has checked ownership (or holds the lock). */
export async function updateBuilderSession(db: Db | Tx, id: string, changes: BuilderSessionChanges) {
  const [row] = await db
    .update(scriptBuilderSessions)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(scriptBuilderSessions.id, id))
    .returning();
  return row!;
}

/** Messages are reached only through a session the caller owns (checked by the caller). */
export function listBuilderMessages(db: Db | Tx, sessionId: string) {
  return db
    .select()
    .from(scriptBuilderMessages)
    .where(eq(scriptBuilderMessages.sessionId, sessionId))
    .orderBy(asc(scriptBuilderMessages.seq));
}

export async function findBuilderMessage(db: Db | Tx, sessionId: string, messageId: string) {
  const [row] = await db
    .select()
    .from(scriptBuilderMessages)
    .where(and(eq(scriptBuilderMessages.sessionId, sessionId), eq(scriptBuilderMessages.id, messageId)))
    .limit(1);
  return row;
}
