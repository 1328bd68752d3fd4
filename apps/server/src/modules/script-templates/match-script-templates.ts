import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { TTemplateMatch, TTemplateMatchQuery } from '@flowpilot/contracts/script-templates';
import type { Db } from '@flowpilot/db/database';
import { builtinTemplateStats, scriptTemplates } from '@flowpilot/db/schema-scripts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { findActiveFix } from '../session-core/fixes.repository.ts';
import {
  scriptTemplatesRepository,
  statsJoin,
  toScriptTemplateDto,
  visibleColumns,
  visibleTo,
} from './script-templates.repository.ts';

export const MATCH_LIMIT = 10;
/** Enough words for a fix's title and description; each more term means more candidates to rank. */
const MAX_PRIMARY_TERMS = 24;
const MAX_CONTEXT_TERMS = 16;
/** Intake and ticket words that say nothing about which script fits. */
const noiseWords = new Set(
  'user users client customer issue issues problem problems ticket please help hi hello thanks thank since today yesterday morning pc computer machine laptop work working works anymore still keep keeps getting get gets'.split(
    ' ',
  ),
);

/**
 * Words of free text as safe tsquery operands: letters and digits only, so nothing a user
 * types can act as a tsquery operator. PostgreSQL stems them and drops stop words.
 */
export function queryTerms(
  text: string,
  exclude: ReadonlySet<string> = new Set(),
  max = MAX_PRIMARY_TERMS,
): string[] {
  const terms: string[] = [];
  for (const word of text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length < 2 || /^\d{1,2}$/.test(word) || noiseWords.has(word) || exclude.has(word)) continue;
    if (terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === max) break;
  }
  return terms;
}

// Weights for D, C, B, A: description is C, category B, name A (see migration 0003).
const WEIGHTS = sql.raw(`'{0.05, 0.3, 0.5, 1.0}'::float4[]`);

export interface MatchText {
  /** What the fix says it does: weighs most. */
  primary: string;
  /** The session's intake and title: context. */
  context: string;
}

/**
 * Ranks the caller's templates and the built-ins against text with PostgreSQL full-text
 * search: terms are OR-ed (a fix description never contains every word of a template),
 * the GIN index finds candidates and `ts_rank` orders them, name hits above category above
 * description. (`ts_rank_cd` ranked no better on the built-ins and cost five times as much.)
 * Capping the terms keeps it fast over thousands of templates.
 */
export async function rankTemplates(db: Db, accountId: string, text: MatchText, limit = MATCH_LIMIT) {
  const primary = queryTerms(text.primary, new Set(), MAX_PRIMARY_TERMS);
  const context = queryTerms(text.context, new Set(primary), MAX_CONTEXT_TERMS);
  if (primary.length + context.length === 0) return [];
  const primaryQuery = sql`to_tsquery('english', ${primary.join(' | ')})`;
  const contextQuery = sql`to_tsquery('english', ${context.join(' | ')})`;
  const rank = (query: SQL) => sql`ts_rank(${WEIGHTS}, ${scriptTemplates.searchVector}, ${query})`;
  // Context counts half; ranking is the costly part per candidate, so an empty side is skipped.
  const raw =
    primary.length === 0
      ? rank(contextQuery)
      : context.length === 0
        ? rank(primaryQuery)
        : sql`(${rank(primaryQuery)} + 0.5 * ${rank(contextQuery)}) / 1.5`;
  const score = sql<number>`least(1.0, ${raw})`.mapWith(Number);
  const matches =
    primary.length === 0
      ? contextQuery
      : context.length === 0
        ? primaryQuery
        : sql`(${primaryQuery} || ${contextQuery})`;
  const top = db
    .select({ id: scriptTemplates.id, score: score.as('score') })
    .from(scriptTemplates)
    .where(and(visibleTo(accountId), sql`${scriptTemplates.searchVector} @@ ${matches}`))
    .orderBy(desc(sql`score`), scriptTemplates.id)
    .limit(limit)
    .as('top');
  // The query's own words that hit, for the reason; computed for the ten winners only.
  const allTerms = [...primary, ...context].join(' ');
  const rows = await db
    .select({
      ...visibleColumns,
      score: top.score,
      matched: sql<
        string[]
      >`ARRAY(SELECT word FROM unnest(string_to_array(${allTerms}, ' ')) WITH ORDINALITY AS q(word, n)
        WHERE ${scriptTemplates.searchVector} @@ plainto_tsquery('english', word) ORDER BY n)`,
    })
    .from(top)
    .innerJoin(scriptTemplates, eq(scriptTemplates.id, top.id))
    .leftJoin(builtinTemplateStats, statsJoin(accountId))
    .orderBy(desc(top.score), scriptTemplates.id);
  return rows.map(({ score: raw, matched, ...row }) => ({
    ...toScriptTemplateDto(row),
    score: Math.round(Number(raw) * 10_000) / 10_000,
    reason: matched.length > 0 ? `Matches ${matched.slice(0, 5).join(', ')}` : 'Related wording',
  }));
}

/**
 * Templates for a session's active fix (or free text): the template the fix already names
 * comes first, then the best full-text matches of the fix and the intake.
 */
export async function matchScriptTemplates(
  db: Db,
  caller: Caller,
  query: TTemplateMatchQuery,
): Promise<TTemplateMatch[]> {
  if (!query.ai_session_id && !query.q) {
    throw new AppError('bad_request', 'Give ai_session_id or q to match templates against.', {
      errors: [
        { field: 'querystring.ai_session_id', message: 'is required when q is not given' },
        { field: 'querystring.q', message: 'is required when ai_session_id is not given' },
      ],
    });
  }
  let text: MatchText = { primary: query.q ?? '', context: '' };
  let linkedId: string | null = null;
  if (query.ai_session_id) {
    const session = await getOwnedSession(db, caller, query.ai_session_id);
    const fix = await findActiveFix(db, session.id);
    const intake = [
      session.title,
      session.issueCategory,
      session.triageHypothesis,
      session.intakeContent.text,
    ]
      .filter(Boolean)
      .join('\n');
    if (fix) {
      linkedId = fix.scriptTemplateId;
      text = { primary: [query.q, fix.title, fix.description].filter(Boolean).join('\n'), context: intake };
    } else {
      text = { primary: query.q ?? '', context: intake };
      // Without a fix the intake is all there is, so it leads.
      if (!query.q) text = { primary: intake, context: '' };
    }
  }

  const ranked = await rankTemplates(db, caller.accountId, text);
  if (!linkedId) return ranked;
  const linked = await scriptTemplatesRepository(db, caller.accountId).findVisible(linkedId);
  if (!linked) return ranked;
  return [
    { ...toScriptTemplateDto(linked), score: 1, reason: 'Linked to this fix' },
    ...ranked.filter((match) => match.id !== linkedId),
  ].slice(0, MATCH_LIMIT);
}
