import type { SqlRunner } from '@flowpilot/db/database';

/**
 * Similar-session ranking leaves out the lexemes PostgreSQL's statistics call common (ADR 019).
 * A server's autovacuum keeps them; PGlite has no autovacuum, so housekeeping refreshes them
 * (ANALYZE samples a bounded number of rows: cheap at any size).
 */
export async function refreshKnowledgeStatistics(database: SqlRunner & { kind: 'pglite' | 'postgres' }) {
  if (database.kind === 'pglite') await database.execScript('ANALYZE resolved_session_summaries');
}
