import { and, desc, eq, lte, or, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@flowpilot/db/database';
import { psaConnections, psaDeliveries, psaTicketLinks, type PsaDeliveryRow } from '@flowpilot/db/schema-psa';

/** Every lookup names the caller's account: another account's connection or delivery cannot be reached. */
export interface AccountScope {
  accountId: string;
}

export async function findConnection(db: Db | Tx, scope: AccountScope) {
  const [row] = await db.select().from(psaConnections).where(eq(psaConnections.accountId, scope.accountId));
  return row;
}

export async function upsertConnection(
  db: Db | Tx,
  scope: AccountScope,
  values: Omit<typeof psaConnections.$inferInsert, 'accountId'>,
) {
  await db
    .insert(psaConnections)
    .values({ ...values, accountId: scope.accountId })
    .onConflictDoUpdate({ target: psaConnections.accountId, set: values });
}

export async function deleteConnection(db: Db | Tx, scope: AccountScope) {
  const rows = await db
    .delete(psaConnections)
    .where(eq(psaConnections.accountId, scope.accountId))
    .returning();
  return rows.length > 0;
}

export async function insertTicketLink(
  tx: Db | Tx,
  scope: AccountScope,
  values: Omit<typeof psaTicketLinks.$inferInsert, 'accountId'>,
) {
  await tx.insert(psaTicketLinks).values({ ...values, accountId: scope.accountId });
}

export async function findTicketLink(db: Db | Tx, scope: AccountScope, sessionId: string) {
  const [row] = await db
    .select()
    .from(psaTicketLinks)
    .where(and(eq(psaTicketLinks.accountId, scope.accountId), eq(psaTicketLinks.aiSessionId, sessionId)));
  return row;
}

export async function insertDelivery(tx: Db | Tx, values: typeof psaDeliveries.$inferInsert) {
  const [row] = await tx.insert(psaDeliveries).values(values).returning();
  return row!;
}

/** The delivery of the session's latest close (an escalation claimed and resolved closes twice). */
export async function findSessionDelivery(db: Db | Tx, scope: AccountScope, sessionId: string) {
  const [row] = await db
    .select()
    .from(psaDeliveries)
    .where(and(eq(psaDeliveries.accountId, scope.accountId), eq(psaDeliveries.aiSessionId, sessionId)))
    .orderBy(desc(psaDeliveries.createdAt), desc(psaDeliveries.id))
    .limit(1);
  return row;
}

/**
 * Takes a due delivery for one attempt: pending, not held by a live attempt elsewhere. The
 * lease stands in for a row lock across the PSA calls (which must not run inside a
 * transaction); a process that dies mid-attempt loses it when it lapses.
 */
export async function claimDelivery(
  db: Db,
  id: string,
  leaseMs: number,
): Promise<PsaDeliveryRow | undefined> {
  const now = sql`clock_timestamp()`;
  const [row] = await db
    .update(psaDeliveries)
    .set({
      lockedUntil: sql`clock_timestamp() + ${`${leaseMs} milliseconds`}::interval`,
      attempts: sql`${psaDeliveries.attempts} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(psaDeliveries.id, id),
        eq(psaDeliveries.status, 'pending'),
        or(isNull(psaDeliveries.lockedUntil), lt(psaDeliveries.lockedUntil, now)),
        or(isNull(psaDeliveries.nextAttemptAt), lte(psaDeliveries.nextAttemptAt, now)),
      ),
    )
    .returning();
  return row;
}

export async function updateDelivery(
  db: Db | Tx,
  id: string,
  values: Partial<typeof psaDeliveries.$inferInsert>,
) {
  const [row] = await db
    .update(psaDeliveries)
    .set({ ...values, updatedAt: sql`clock_timestamp()` })
    .where(eq(psaDeliveries.id, id))
    .returning();
  return row!;
}

/** Pending deliveries and when each may next run (the runner's sweep after a restart). */
export async function pendingDeliveries(db: Db) {
  return db
    .select({
      id: psaDeliveries.id,
      nextAttemptAt: psaDeliveries.nextAttemptAt,
      lockedUntil: psaDeliveries.lockedUntil,
    })
    .from(psaDeliveries)
    .where(eq(psaDeliveries.status, 'pending'))
    .limit(1000);
}
