import type { TAuditEvent, TAuditEventList, TAuditQuery } from '@flowpilot/contracts/session-closing';
import type { Db } from '@flowpilot/db/database';
import { getOwnedSession, type SessionCaller } from '../session-core/sessions.repository.ts';
import { decodeCursor, encodeCursor } from '../session-core/session-cursor.ts';
import { listSessionAuditEvents, type AuditEventRow } from './audit.repository.ts';

function toAuditEventDto(row: AuditEventRow): TAuditEvent {
  return {
    id: row.id,
    action: row.action,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
    before: row.before,
    after: row.after,
    created_at: row.createdAt.toISOString(),
  };
}

/** Who did what to one of the caller's sessions, oldest first, one keyset page at a time. */
export async function listSessionAudit(
  db: Db,
  owner: SessionCaller,
  sessionId: string,
  query: TAuditQuery,
): Promise<TAuditEventList> {
  await getOwnedSession(db, owner, sessionId);
  const rows = await listSessionAuditEvents(
    db,
    { accountId: owner.accountId, sessionId },
    { after: query.cursor ? decodeCursor(query.cursor) : undefined, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditEventDto),
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.keyTime, id: last.id }) : null,
  };
}
