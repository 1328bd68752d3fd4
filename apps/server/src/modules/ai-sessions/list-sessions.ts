import type { TSessionListQuery } from '@flowpilot/contracts/ai-sessions';
import type { Db } from '@flowpilot/db/database';
import {
  listAssignedSessions,
  listOwnedSessions,
  toSessionDto,
  type SessionOwner,
} from '../session-core/sessions.repository.ts';
import { decodeCursor, encodeCursor } from '../session-core/session-cursor.ts';
import { withoutNul } from './intake-text.ts';

/** Newest first by (created_at, id): both halves of the list come in this order and merge by it. */
const newerFirst = (a: { keyTime: string; id: string }, b: { keyTime: string; id: string }) =>
  a.keyTime === b.keyTime ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.keyTime < b.keyTime ? 1 : -1;

/**
 * The caller's own sessions and the ones they claimed from the escalation queue, newest first,
 * one keyset page at a time: each half is read up to the page size from the cursor, then merged.
 */
export async function listSessions(db: Db, owner: SessionOwner, query: TSessionListQuery) {
  const q = query.q === undefined ? '' : withoutNul(query.q).trim();
  const filter = {
    status: query.status,
    q: q || undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  };
  const [own, assigned] = await Promise.all([
    listOwnedSessions(db, owner, filter),
    listAssignedSessions(db, owner, filter),
  ]);
  const rows = [...own, ...assigned].sort(newerFirst).slice(0, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSessionDto),
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.keyTime, id: last.id }) : null,
  };
}
