import { z } from 'zod';
import { AppError } from '@flowpilot/core/app-error';
import type { SessionKey } from './sessions.repository.ts';

/*
 * The keyset cursor every session-scoped list hands out (sessions, audit events): opaque to
 * clients, checked strictly on the way back in so a forged one is a 422, never a database error.
 */
const ZCursor = z.object({
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  i: z.uuid(),
});

/** No row this server wrote is older; a cursor before it was not handed out. */
const FIRST_CURSOR_YEAR = 1970;

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
  // The regex admits month 13, Feb 30 and year 0000 (JavaScript's Date takes it, PostgreSQL has no
  // year 0); the database would answer those with an error, so check the calendar and range here.
  const date = parsed.success ? new Date(parsed.data.t) : null;
  if (
    !parsed.success ||
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 23) !== parsed.data.t.slice(0, 23) ||
    date.getUTCFullYear() < FIRST_CURSOR_YEAR
  ) {
    throw invalid();
  }
  return { createdAt: parsed.data.t, id: parsed.data.i };
}
