import { or, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TScriptTemplateListQuery } from '@flowpilot/contracts/script-templates';
import type { Db } from '@flowpilot/db/database';
import { scriptTemplates } from '@flowpilot/db/schema-scripts';
import type { Caller } from '../../http/request-auth.ts';
import { scriptTemplatesRepository, toScriptTemplateDto } from './script-templates.repository.ts';

const encodeCursor = (nameKey: string, id: string) =>
  Buffer.from(JSON.stringify([nameKey, id])).toString('base64url');

function decodeCursor(cursor: string) {
  try {
    const [nameKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof nameKey === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id))
      return { nameKey, id };
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('bad_request', 'The cursor is invalid; start again without it.', {
    errors: [{ field: 'querystring.cursor', message: 'is not a cursor this API returned' }],
  });
}

/**
 * Typing in the library's search box: every word must appear, as a word prefix in the
 * search vector (stemmed) or as a substring of the name, so "spool" and "Clear-Print" both find.
 */
function textCondition(q: string | undefined) {
  const words =
    (q ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 10) ?? [];
  if (words.length === 0) return undefined;
  const prefixQuery = words.map((word) => `${word}:*`).join(' & ');
  const escaped = (q ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, '\\$&');
  return or(
    sql`${scriptTemplates.searchVector} @@ to_tsquery('simple', ${prefixQuery})`,
    sql`${scriptTemplates.searchVector} @@ to_tsquery('english', ${prefixQuery})`,
    sql`lower(${scriptTemplates.name}) LIKE ${`%${escaped}%`}`,
  );
}

/** The account's templates and the built-ins, by name, keyset-paginated. */
export async function listScriptTemplates(db: Db, caller: Caller, query: TScriptTemplateListQuery) {
  const rows = await scriptTemplatesRepository(db, caller.accountId).list({
    text: textCondition(query.q),
    category: query.category || undefined,
    language: query.language,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toScriptTemplateDto),
    next_cursor: rows.length > query.limit && last ? encodeCursor(last.nameKey, last.id) : null,
  };
}
