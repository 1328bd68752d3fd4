import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TFact } from '@flowpilot/contracts/facts';
import type { Db, Tx } from '@flowpilot/db/database';
import { sessionFacts } from '@flowpilot/db/schema-sessions';

export type FactRow = typeof sessionFacts.$inferSelect;

const live = (sessionId: string) =>
  and(eq(sessionFacts.aiSessionId, sessionId), isNull(sessionFacts.deletedAt));

/** Facts are reached only through a session the caller already owns (checked by the caller). */
export function listSessionFacts(db: Db | Tx, sessionId: string) {
  return db
    .select()
    .from(sessionFacts)
    .where(live(sessionId))
    .orderBy(asc(sessionFacts.createdAt), asc(sessionFacts.id));
}

/** A fact of the session that has not been removed. */
export async function findSessionFact(db: Db | Tx, sessionId: string, factId: string) {
  const [row] = await db
    .select()
    .from(sessionFacts)
    .where(and(live(sessionId), eq(sessionFacts.id, factId)))
    .limit(1);
  return row;
}

export async function insertFact(
  tx: Tx,
  values: Pick<
    typeof sessionFacts.$inferInsert,
    'accountId' | 'aiSessionId' | 'kind' | 'text' | 'createdByUserId'
  >,
) {
  const [row] = await tx.insert(sessionFacts).values(values).returning();
  return row!;
}

export async function updateFactText(tx: Tx, factId: string, text: string) {
  const [row] = await tx
    .update(sessionFacts)
    .set({ text, updatedAt: new Date() })
    .where(eq(sessionFacts.id, factId))
    .returning();
  return row!;
}

export async function softDeleteFact(tx: Tx, factId: string) {
  const now = new Date();
  await tx.update(sessionFacts).set({ deletedAt: now, updatedAt: now }).where(eq(sessionFacts.id, factId));
}

export function toFactDto(row: FactRow): TFact {
  return {
    id: row.id,
    ai_session_id: row.aiSessionId,
    kind: row.kind,
    text: row.text,
    source_item_id: row.sourceItemId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
