import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@flowpilot/db/database';
import { auditEvents, users } from '@flowpilot/db/schema-accounts';

/** A position in the oldest-first trail: created_at to the microsecond (as ISO text) and id. */
export interface AuditKey {
  createdAt: string;
  id: string;
}

/**
 * One session's audit trail, oldest first, scoped to the account as well as the session
 * (the caller checked they own the session). The actor's name comes from their account only.
 */
export function listSessionAuditEvents(
  db: Db | Tx,
  scope: { accountId: string; sessionId: string },
  page: { after?: AuditKey | undefined; limit: number },
) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
      // JS dates stop at milliseconds; the cursor must carry PostgreSQL's microseconds or rows get skipped.
      keyTime: sql<string>`to_char(${auditEvents.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorId: users.id,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, and(eq(users.id, auditEvents.actorUserId), eq(users.accountId, scope.accountId)))
    .where(
      and(
        eq(auditEvents.accountId, scope.accountId),
        eq(auditEvents.aiSessionId, scope.sessionId),
        page.after
          ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) > (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id))
    .limit(page.limit);
}

export type AuditEventRow = Awaited<ReturnType<typeof listSessionAuditEvents>>[number];
