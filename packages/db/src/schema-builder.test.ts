import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { migrateUp } from './migrate.ts';

/**
 * The Script Builder invariants live in the database (SPEC §2), so no code path — a racing
 * request, a bug, a hand-written fix-up — can break them. Seed plan Task 1.
 */
describe('script_builder_sessions invariants', () => {
  let database: Database;
  let accountId: string;
  let userId: string;
  let aiSessionId: string;

  beforeAll(async () => {
    database = await openDatabase({});
    await migrateUp(database);
    const [account] = await database.query<{ id: string }>(
      `INSERT INTO accounts (name) VALUES ('Acme') RETURNING id`,
    );
    accountId = account!.id;
    const [user] = await database.query<{ id: string }>(
      `INSERT INTO users (account_id, email, name, password_hash, account_role)
       VALUES ($1, 'e@example.test', 'E', 'x', 'engineer') RETURNING id`,
      [accountId],
    );
    userId = user!.id;
    const [session] = await database.query<{ id: string }>(
      `INSERT INTO ai_sessions (account_id, user_id, intake_type, intake_content, title)
       VALUES ($1, $2, 'free_text', '{"text":"x"}', 'Printer offline') RETURNING id`,
      [accountId, userId],
    );
    aiSessionId = session!.id;
  });
  afterAll(() => database.close());

  const insert = (values: { origin?: string; aiSessionId?: string | null; language?: string }) =>
    database.query<{ id: string; origin: string; language: string }>(
      `INSERT INTO script_builder_sessions (account_id, user_id, origin, ai_session_id, language)
       VALUES ($1, $2, coalesce($3, 'standalone'), $4, coalesce($5, 'powershell')) RETURNING id, origin, language`,
      [accountId, userId, values.origin ?? null, values.aiSessionId ?? null, values.language ?? null],
    );

  it('defaults to a standalone PowerShell session', async () => {
    const [row] = await database.query<{ origin: string; language: string }>(
      `INSERT INTO script_builder_sessions (account_id, user_id) VALUES ($1, $2) RETURNING origin, language`,
      [accountId, userId],
    );
    expect(row).toEqual({ origin: 'standalone', language: 'powershell' });
  });

  it('refuses an unknown origin or language', async () => {
    await expect(insert({ origin: 'elsewhere' })).rejects.toThrow(/ck_script_builder_sessions_origin/);
    await expect(insert({ language: 'cmd' })).rejects.toThrow(/ck_script_builder_sessions_language/);
  });

  it('refuses a pilot_inline session without its pilot session', async () => {
    await expect(insert({ origin: 'pilot_inline', aiSessionId: null })).rejects.toThrow(
      /ck_script_builder_sessions_origin_ai_session/,
    );
  });

  it('allows one pilot_inline session per (user, pilot session), and any number of standalone ones', async () => {
    await insert({ origin: 'pilot_inline', aiSessionId });
    await expect(insert({ origin: 'pilot_inline', aiSessionId })).rejects.toThrow(
      /ux_script_builder_sessions_pilot_inline/,
    );
    await insert({ origin: 'standalone', aiSessionId });
    await insert({ origin: 'standalone', aiSessionId });
    const [count] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM script_builder_sessions WHERE ai_session_id = $1`,
      [aiSessionId],
    );
    expect(count!.n).toBe(3);
  });

  it('goes with its pilot session', async () => {
    await database.query('DELETE FROM ai_sessions WHERE id = $1', [aiSessionId]);
    const rows = await database.query(`SELECT 1 FROM script_builder_sessions WHERE ai_session_id = $1`, [
      aiSessionId,
    ]);
    expect(rows).toEqual([]);
  });
});
