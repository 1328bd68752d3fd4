import { z } from 'zod';
import { AppError } from '@flowpilot/core/app-error';
import type { TSessionListQuery } from '@flowpilot/contracts/ai-sessions';
import type { Db } from '@flowpilot/db/database';
import {
  listOwnedSessions,
  toSessionDto,
  type SessionKey,
  type SessionOwner,
} from './ai-sessions.repository.ts';
import { withoutNul } from './intake-text.ts';

const ZCursor = z.object({
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  i: z.uuid(),
});

/** Opaque to clients: base64url of the last item's (created_at to the microsecond, id). */
export const encodeCursor = (key: SessionKey) =>
  Buffer.from(JSON.stringify({ t: key.createdAt, i: key.id })).toString('base64url');

export function decodeCursor(cursor: string): SessionKey {
  const invalid = () =>
    new AppError(
      'validation_failed',
      'The cursor is not one this server handed out. Start from the first page.',
      {
        errors: [{ field: 'query.cursor', message: 'is not a valid cursor' }],
      },
    );
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = ZCursor.safeParse(decoded);
  // The regex admits month 13 or Feb 30; PostgreSQL would reject those with an error, so check the calendar here.
  const date = parsed.success ? new Date(parsed.data.t) : null;
  if (
    !parsed.success ||
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 23) !== parsed.data.t.slice(0, 23)
  ) {
    throw invalid();
  }
  return { createdAt: parsed.data.t, id: parsed.data.i };
}

/** The caller's own sessions, newest first, one keyset page at a time. */
export async function listSessions(db: Db, owner: SessionOwner, query: TSessionListQuery) {
  const q = query.q === undefined ? '' : withoutNul(query.q).trim();
  const rows = await listOwnedSessions(db, owner, {
    status: query.status,
    q: q || undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSessionDto),
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.keyTime, id: last.id }) : null,
  };
}
