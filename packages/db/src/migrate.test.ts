import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { migrateDown, migrateUp } from './migrate.ts';
import { migrations } from './migrations.ts';

/** Everything a migration can create, so "down then up" can be compared with "up". */
async function schemaFingerprint(database: Database) {
  const columns = await database.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema()
      ORDER BY table_name, column_name`,
  );
  const indexes = await database.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
      ORDER BY tablename, indexname`,
  );
  const constraints = await database.query(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      ORDER BY 1, 2`,
  );
  return { columns, indexes, constraints };
}

async function openScratch(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  const name = `flowpilot_migrate_${process.pid}_${Date.now()}`;
  await admin.execScript(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await admin.execScript(`DROP DATABASE ${name}`);
      await admin.close();
    },
  };
}

describe('migrations', () => {
  let scratch: Awaited<ReturnType<typeof openScratch>>;
  beforeAll(async () => {
    scratch = await openScratch();
  });
  afterAll(() => scratch.dispose());

  it('round-trips every migration: up → down → up leaves the same schema', async () => {
    const { database } = scratch;
    expect(await migrateUp(database)).toEqual(migrations.map((m) => m.id));
    const afterUp = await schemaFingerprint(database);

    // Step down one migration at a time, checking each down path on its own.
    for (let index = migrations.length - 1; index >= 0; index--) {
      const target = index === 0 ? null : migrations[index - 1]!.id;
      expect(await migrateDown(database, target)).toEqual([migrations[index]!.id]);
    }
    const empty = await schemaFingerprint(database);
    expect(empty.columns.filter((c) => c.table_name !== 'schema_migrations')).toEqual([]);
    expect(empty.indexes.filter((i) => i.tablename !== 'schema_migrations')).toEqual([]);

    expect(await migrateUp(database)).toHaveLength(migrations.length);
    expect(await schemaFingerprint(database)).toEqual(afterUp);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrateUp(scratch.database)).toEqual([]);
  });

  it('keeps the audit trail append-only', async () => {
    const { database } = scratch;
    const [account] = await database.query<{ id: string }>(
      `INSERT INTO accounts (name) VALUES ('Acme') RETURNING id`,
    );
    await database.query(
      `INSERT INTO audit_events (account_id, action, subject_type) VALUES ($1, 'x', 'y')`,
      [account!.id],
    );
    await expect(database.query(`UPDATE audit_events SET action = 'z'`)).rejects.toThrow(/append-only/);
  });
});
