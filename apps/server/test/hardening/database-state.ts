import type { SqlRunner } from '@flowpilot/db/database';

interface ColumnRow {
  table_name: string;
  column_name: string;
  is_generated: string;
}

async function appTables(database: SqlRunner) {
  const rows = await database.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
      ORDER BY tablename`,
  );
  return rows.map((row) => row.tablename);
}

/**
 * One query that changes whenever any row of any table changes: per table a row count and
 * an md5 over every row's text form. Much cheaper than `snapshotDatabase` per request, and
 * the table-level breakdown still says where a change happened.
 */
export async function fingerprintQuery(database: SqlRunner) {
  const tables = await appTables(database);
  const parts = tables.map(
    (table) =>
      `SELECT '${table}' AS t, count(*)::int AS n,
              md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h
         FROM "${table}" x`,
  );
  const sql = parts.join('\nUNION ALL\n');
  return async () => {
    const rows = await database.query<{ t: string; n: number; h: string }>(sql);
    return Object.fromEntries(rows.map((row) => [row.t, `${row.n}:${row.h}`]));
  };
}

/**
 * Copies every table into a side schema so a fuzz run can go back to the same world after
 * a request that legitimately changed it (a fix applied, a session closed, a token revoked).
 * Generated columns are recomputed; identity columns keep their values.
 */
export async function captureWorld(database: SqlRunner, schema = 'fuzz_world') {
  const tables = await appTables(database);
  const columns = await database.query<ColumnRow>(
    `SELECT table_name, column_name, is_generated FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const writable = (table: string) =>
    columns
      .filter((c) => c.table_name === table && c.is_generated === 'NEVER')
      .map((c) => `"${c.column_name}"`)
      .join(', ');
  await database.execScript(
    [
      `DROP SCHEMA IF EXISTS ${schema} CASCADE`,
      `CREATE SCHEMA ${schema}`,
      ...tables.map(
        (table) => `CREATE TABLE ${schema}."${table}" AS SELECT ${writable(table)} FROM "${table}"`,
      ),
    ].join(';\n'),
  );
  const refill = Object.fromEntries(
    tables.map((table) => [
      table,
      `DELETE FROM "${table}";\nINSERT INTO "${table}" (${writable(table)}) OVERRIDING SYSTEM VALUE SELECT ${writable(table)} FROM ${schema}."${table}"`,
    ]),
  );
  /** Puts the given tables (all by default) back as they were; rows go back in any order. */
  return (only: string[] = tables) =>
    database.execScript(
      [
        'BEGIN',
        // Foreign keys hold again once every table is refilled; checking them row by row cannot work.
        'SET LOCAL session_replication_role = replica',
        ...only.map((table) => refill[table]!),
        'COMMIT',
      ].join(';\n'),
    );
}
