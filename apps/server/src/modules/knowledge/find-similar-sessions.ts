import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ContextSimilarSession } from '@flowpilot/assistant/session-context/session-context-input';
import type { TSimilarSession } from '@flowpilot/contracts/playbooks';
import type { Db, Tx } from '@flowpilot/db/database';
import { sessionFacts } from '@flowpilot/db/schema-sessions';
import { getOwnedSession, type SessionCaller } from '../session-core/sessions.repository.ts';

/** Terms of the session taken into the full-text query: enough to find it, few enough to stay fast. */
const QUERY_TERMS = 32;
/**
 * Most full-text matches ranked (the newest), whatever the statistics say. Scoring them is most
 * of the query's time: at 100,000 resolved sessions on PostgreSQL, 250 instead of 500 took the
 * median from 23.8 to 14.8 ms and p95 from 36 to 22 ms, with the same top hit in the benchmark.
 */
const CANDIDATES = 250;
/** A lexeme in more than this share of resolved sessions says little about which one is alike. */
const COMMON_SHARE = 0.02;
/** Below this a "similar" session shares a word or two by chance. */
const MIN_SCORE = 0.12;

interface SimilarRow {
  session_id: string;
  title: string;
  resolved_at: Date | string;
  root_cause: string | null;
  fix_title: string | null;
  fix_outcome: string | null;
  fix_description: string | null;
  resolved_by: string | null;
  score: number;
}

export type RankedSession = TSimilarSession & { fix_description: string | null; resolved_by: string | null };

/** What the session is about, as ranking reads it: title, intake and facts. */
async function sessionText(
  db: Db | Tx,
  session: { id: string; title: string; intakeContent: { text: string } },
) {
  const facts = await db
    .select({ text: sessionFacts.text })
    .from(sessionFacts)
    .where(and(eq(sessionFacts.aiSessionId, session.id), isNull(sessionFacts.deletedAt)))
    .orderBy(asc(sessionFacts.createdAt))
    .limit(50);
  const full = [session.title, session.intakeContent.text, ...facts.map((fact) => fact.text)].join('\n');
  return {
    full: full.slice(0, 4_000),
    short: `${session.title} ${session.intakeContent.text}`.slice(0, 300),
  };
}

/** How long a process trusts the common-lexeme list; statistics change slowly (ANALYZE). */
const COMMON_TTL_MS = 5 * 60_000;
const commonCache = new WeakMap<Db | Tx, { at: number; lexemes: Promise<string[]> }>();

/**
 * The lexemes in more than COMMON_SHARE of resolved summaries, from the column's statistics.
 * Read once per database handle and a few minutes, not in every query: joining pg_stats cost
 * more to plan (~6 ms) than the rest of the query took to run at 100,000 sessions.
 */
function commonLexemes(db: Db | Tx): Promise<string[]> {
  const cached = commonCache.get(db);
  if (cached && Date.now() - cached.at < COMMON_TTL_MS) return cached.lexemes;
  const lexemes = db
    .execute(
      sql`
      SELECT lexeme FROM (
        SELECT unnest(most_common_elems::text::text[]) AS lexeme, unnest(most_common_elem_freqs) AS share
          FROM pg_stats
         WHERE schemaname = current_schema() AND tablename = 'resolved_session_summaries'
           AND attname = 'search_vector'
      ) common
       -- The frequencies end with three summary figures that have no lexeme (min, max, nulls).
       WHERE lexeme IS NOT NULL AND share > ${COMMON_SHARE}`,
    )
    .then((result) =>
      (result as unknown as { rows: Array<{ lexeme: string }> }).rows.map((row) => row.lexeme),
    );
  // A failed read is not kept: the next query asks again.
  lexemes.catch(() => commonCache.delete(db));
  commonCache.set(db, { at: Date.now(), lexemes });
  return lexemes;
}

/**
 * The account's resolved sessions most like this one (SPEC §7.3), best first. Ranking mixes
 * PostgreSQL full text (the session's first terms OR-ed, against each resolved session's intake,
 * facts, cause and fix) with trigram similarity of the short summaries, so a rephrased title
 * still finds its match. Only resolved sessions have a summary row, so neither an open session
 * nor the session itself can come back; every row is the account's own.
 */
export async function rankSimilarSessions(
  db: Db | Tx,
  accountId: string,
  session: { id: string; title: string; intakeContent: { text: string } },
  limit = 5,
): Promise<RankedSession[]> {
  const [text, common] = await Promise.all([sessionText(db, session), commonLexemes(db)]);
  // Common words ("printer", "ticket", a big client's name) match most of the history, and
  // ts_rank over every match is what costs. PostgreSQL's own statistics of the column know the
  // common lexemes (pg_stats.most_common_elems, kept by ANALYZE), so the query leaves out those
  // in more than COMMON_SHARE of the summaries and ranks what the rarer terms find; without
  // statistics yet (a new database), every term counts and the candidates are capped.
  const result = await db.execute(sql`
    WITH terms AS (
      SELECT t.lexeme FROM unnest(to_tsvector('english', ${text.full})) t
       WHERE t.lexeme <> ALL(${sql.param(common)}::text[])
       ORDER BY t.positions[1] LIMIT ${QUERY_TERMS}
    ), q AS (
      SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | ')) AS query FROM terms
    ), candidates AS (
      SELECT s.session_id FROM resolved_session_summaries s, q
       WHERE s.account_id = ${accountId} AND s.search_vector @@ q.query
       ORDER BY s.resolved_at DESC LIMIT ${CANDIDATES}
    )
    SELECT s.session_id, s.title, s.resolved_at, s.root_cause, s.fix_title, s.fix_outcome, s.fix_description,
           u.name AS resolved_by,
           (0.6 * ts_rank(s.search_vector, q.query, 32) * 4 + 0.4 * similarity(s.summary, ${text.short}))::float8 AS score
      FROM candidates c
      JOIN resolved_session_summaries s ON s.session_id = c.session_id
      CROSS JOIN q
      LEFT JOIN users u ON u.id = s.resolved_by_user_id
     WHERE s.session_id <> ${session.id}
     ORDER BY score DESC, s.resolved_at DESC
     LIMIT ${limit}
  `);
  // Both drivers answer { rows }.
  const { rows } = result as unknown as { rows: SimilarRow[] };
  return rows
    .filter((row) => row.score >= MIN_SCORE)
    .map((row) => ({
      session_id: row.session_id,
      title: row.title,
      resolved_at: new Date(row.resolved_at).toISOString(),
      root_cause: row.root_cause,
      fix_title: row.fix_title,
      fix_outcome: row.fix_outcome,
      fix_description: row.fix_description,
      resolved_by: row.resolved_by,
      score: Math.round(Math.min(1, row.score) * 1000) / 1000,
    }));
}

/** GET /ai-sessions/{id}/similar: the session must be one the caller may read (else 404). */
export async function findSimilarSessions(db: Db, caller: SessionCaller, sessionId: string) {
  const session = await getOwnedSession(db, caller, sessionId);
  const ranked = await rankSimilarSessions(db, session.accountId, session);
  return { items: ranked.map(({ fix_description: _description, resolved_by: _by, ...item }) => item) };
}

/** The top ones as the model context carries them (SPEC §7.1), for every provider. */
export async function similarSessionsForContext(
  db: Db | Tx,
  session: { id: string; accountId: string; title: string; intakeContent: { text: string } },
  limit = 3,
): Promise<ContextSimilarSession[]> {
  const ranked = await rankSimilarSessions(db, session.accountId, session, limit);
  return ranked.map((item) => ({
    title: item.title,
    resolvedAt: item.resolved_at,
    resolvedBy: item.resolved_by ?? undefined,
    rootCause: item.root_cause,
    fixTitle: item.fix_title,
    fixDescription: item.fix_description,
    fixOutcome: item.fix_outcome,
    score: item.score,
  }));
}
