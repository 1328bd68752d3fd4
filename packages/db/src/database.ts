import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle handle services use; identical API on PGlite and on a PostgreSQL server. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, accepted wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface SqlRunner {
  /** Runs a multi-statement SQL script (migrations, test resets). */
  execScript(sqlText: string): Promise<void>;
  /** Runs one parameterised query and returns its rows. */
  query<Row = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs `work` on one dedicated connection (for session-level locks and multi-call transactions). */
  withConnection<T>(work: (connection: SqlRunner) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL server URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` or `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir && !dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    // Two PGlite instances on one directory each keep their own copy and overwrite each other's
    // writes; the second one must not start. Throws DataDirInUseError.
    lock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    // pg_trgm ranks similar sessions (migration 0011); PGlite ships it, loaded per instance.
    client = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const runner: SqlRunner = {
    async execScript(sqlText) {
      await client.exec(sqlText);
    },
    async query<Row>(sqlText: string, params: unknown[] = []) {
      return (await client.query<Row>(sqlText, params)).rows;
    },
  };
  return {
    kind: 'pglite',
    db,
    ...runner,
    // PGlite is a single connection already.
    withConnection: (work) => work(runner),
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async execScript(sqlText) {
      await pool.query(sqlText);
    },
    async query<Row>(sqlText: string, params: unknown[] = []) {
      return (await pool.query(sqlText, params)).rows as Row[];
    },
    async withConnection(work) {
      const connection = await pool.connect();
      try {
        return await work({
          async execScript(sqlText) {
            await connection.query(sqlText);
          },
          async query<Row>(sqlText: string, params: unknown[] = []) {
            return (await connection.query(sqlText, params)).rows as Row[];
          },
        });
      } finally {
        connection.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
