import type { Database, SqlRunner } from './database.ts';
import type { Migration } from './migration.ts';
import { migrations as allMigrations } from './migrations.ts';

// Serialises concurrent migrators (several app processes booting against one server).
const LOCK_KEY = 7_246_001;

const ensureTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  );`;

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function appliedIds(connection: SqlRunner): Promise<Set<string>> {
  await connection.execScript(ensureTable);
  const rows = await connection.query<{ id: string }>('SELECT id FROM schema_migrations');
  return new Set(rows.map((r) => r.id));
}

function withLock<T>(database: Database, work: (connection: SqlRunner) => Promise<T>): Promise<T> {
  return database.withConnection(async (connection) => {
    if (database.kind === 'pglite') return work(connection);
    await connection.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      return await work(connection);
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}

async function runInTransaction(connection: SqlRunner, script: string) {
  try {
    await connection.execScript(`BEGIN;\n${script}\nCOMMIT;`);
  } catch (error) {
    await connection.execScript('ROLLBACK;').catch(() => {});
    throw error;
  }
}

/** Applies every pending migration, each in its own transaction. Returns the ids applied. */
export function migrateUp(database: Database, migrations: readonly Migration[] = allMigrations) {
  return withLock(database, async (connection) => {
    const done = await appliedIds(connection);
    const ran: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await runInTransaction(
        connection,
        `${migration.up}\nINSERT INTO schema_migrations (id) VALUES (${quote(migration.id)});`,
      );
      ran.push(migration.id);
    }
    return ran;
  });
}

/** Rolls back applied migrations newest first until `targetId` is the latest (all when null). */
export function migrateDown(
  database: Database,
  targetId: string | null,
  migrations: readonly Migration[] = allMigrations,
) {
  return withLock(database, async (connection) => {
    const done = await appliedIds(connection);
    const rolledBack: string[] = [];
    for (const migration of [...migrations].reverse()) {
      if (migration.id === targetId) break;
      if (!done.has(migration.id)) continue;
      await runInTransaction(
        connection,
        `${migration.down}\nDELETE FROM schema_migrations WHERE id = ${quote(migration.id)};`,
      );
      rolledBack.push(migration.id);
    }
    return rolledBack;
  });
}
