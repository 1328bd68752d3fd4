import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@flowpilot/db/database';
import { auditEvents } from '@flowpilot/db/schema-accounts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  aiSessionId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row. Call it inside the same transaction as the change it
 * describes, so the trail and the data can never disagree.
 */
export async function recordAuditEvent(
  db: Db | Tx,
  caller: { accountId: string; userId: string | null },
  entry: AuditEntry,
) {
  await db.insert(auditEvents).values({
    accountId: caller.accountId,
    actorUserId: caller.userId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    aiSessionId: entry.aiSessionId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    // now() is the transaction's start, shared by every row it writes; the wall clock keeps
    // several events of one transaction (a fix outcome, then the resolve) in their real order.
    createdAt: sql`clock_timestamp()`,
  });
}
