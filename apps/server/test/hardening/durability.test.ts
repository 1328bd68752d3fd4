/**
 * Acknowledged writes survive `kill -9`. A real server process takes a concurrent write load
 * (facts and fix-script patches on one session, each bumping state_version once), is
 * killed mid-load, and is started again on the same data. Whatever was acknowledged must
 * be there; whatever was in flight may or may not be, but only whole: a fact with its audit
 * row, a script patch with its audit row, and state_version counting exactly what is present.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@flowpilot/db/database';
import {
  createServerDatabase,
  readEventStream,
  requestJson,
  signUp,
  startServerProcess,
  type ServerProcess,
} from './server-process.ts';

const CLIENTS = 8;
/**
 * Once this many writes were acknowledged, a timer kills the server a random moment later:
 * not right after an answer, so the kill lands wherever the server happens to be.
 */
const KILL_AFTER_ACKS = 60;
const KILL_JITTER_MS = 400;

interface Attempt {
  n: number;
  kind: 'fact' | 'script';
  /** The fact text, or the script (its length is 200 + n, so an audit row's script_length names it). */
  content: string;
  outcome: 'pending' | 'acknowledged' | 'refused' | 'unknown';
  factId?: string;
  stateVersion?: number;
}

const factText = (n: number) => `durability fact ${n}: spooler restarted, queue still holds jobs`;
function scriptText(n: number) {
  const head = `Write-Output 'attempt ${n}'\n# `;
  return head + '#'.repeat(200 + n - head.length);
}

interface Backend {
  name: string;
  /** Environment for the server process; the same on both starts. */
  env: Record<string, string>;
  /** Opens the data directly (the server must be stopped first for PGlite). */
  open(): ReturnType<typeof openDatabase>;
  dispose(): Promise<void>;
}

async function pgliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-durability-'));
  const template = inject('templateDatabase');
  // A migrated template saves the server an initdb; without one (tests on PostgreSQL) it runs initdb itself.
  if (existsSync(template)) cpSync(template, path.join(dir, 'pglite'), { recursive: true });
  return {
    name: 'PGlite',
    env: { DATA_DIR: dir },
    open: () => openDatabase({ dataDir: path.join(dir, 'pglite') }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresBackend(url: string): Promise<Backend> {
  const database = await createServerDatabase(url, inject('templateDatabase'), 'durability');
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: database.url },
    open: () => openDatabase({ databaseUrl: database.url, poolSize: 1 }),
    dispose: () => database.drop(),
  };
}

async function runScenario(makeBackend: () => Promise<Backend>) {
  const backend = await makeBackend();
  const servers: ServerProcess[] = [];
  try {
    const first = await startServerProcess(backend.env);
    servers.push(first);
    const { token } = await signUp(first.base, 'durable');
    const created = await requestJson(first.base, 'POST', '/api/v1/ai-sessions', {
      token,
      body: { intake_content: { text: 'Print jobs stuck in the queue on the finance floor' } },
    });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    // The assistant's first reply applies its own changes; let it finish before counting.
    await readEventStream(first.base, `/api/v1/ai-sessions/${sessionId}/stream`, token);
    const fix = await requestJson(first.base, 'POST', `/api/v1/ai-sessions/${sessionId}/suggested-fixes`, {
      token,
      body: {
        title: 'Clear the spooler queue',
        ai_drafted_script: scriptText(0),
        script_language: 'powershell',
      },
    });
    expect(fix.status, JSON.stringify(fix.body)).toBe(201);
    const fixId = fix.body.id as string;
    const before = await requestJson(first.base, 'GET', `/api/v1/ai-sessions/${sessionId}`, { token });
    const baseVersion = before.body.state_version as number;

    // The load: CLIENTS loops, each alternating a new fact and a script patch, until the kill.
    const attempts: Attempt[] = [];
    let acknowledged = 0;
    let killed = false;
    const loadStarted = performance.now();
    let inFlightAtKill = 0;
    const kill = async () => {
      if (killed) return;
      killed = true;
      inFlightAtKill = attempts.filter((a) => a.outcome === 'pending').length;
      await first.crash();
    };
    const client = async (index: number) => {
      for (let round = 0; !killed; round++) {
        const attempt: Attempt = {
          n: attempts.length + 1,
          kind: (round + index) % 2 === 0 ? 'fact' : 'script',
          content: '',
          outcome: 'pending',
        };
        attempt.content = attempt.kind === 'fact' ? factText(attempt.n) : scriptText(attempt.n);
        attempts.push(attempt);
        try {
          const response =
            attempt.kind === 'fact'
              ? await requestJson(first.base, 'POST', `/api/v1/ai-sessions/${sessionId}/facts`, {
                  token,
                  body: { text: attempt.content },
                })
              : await requestJson(
                  first.base,
                  'PATCH',
                  `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixId}/script`,
                  { token, body: { ai_drafted_script: attempt.content } },
                );
          if (response.status === 200 || response.status === 201) {
            attempt.outcome = 'acknowledged';
            attempt.factId = response.body.id;
            attempt.stateVersion = response.body.state_version;
            acknowledged += 1;
            if (acknowledged === KILL_AFTER_ACKS)
              setTimeout(() => void kill(), Math.random() * KILL_JITTER_MS);
          } else {
            attempt.outcome = 'refused';
          }
        } catch {
          attempt.outcome = 'unknown';
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const loadMs = performance.now() - loadStarted;
    const acked = attempts.filter((a) => a.outcome === 'acknowledged');
    expect(attempts.filter((a) => a.outcome === 'refused')).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // Restart on the same data: it must come up and answer.
    const second = await startServerProcess(backend.env);
    servers.push(second);
    const health = await requestJson(second.base, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.db.status).toBe('ok');
    const after = await requestJson(second.base, 'GET', `/api/v1/ai-sessions/${sessionId}`, { token });
    expect(after.status).toBe(200);
    const facts = await requestJson(second.base, 'GET', `/api/v1/ai-sessions/${sessionId}/facts`, { token });
    const servedFacts = new Map<string, string>(
      (facts.body.items as { id: string; text: string }[]).map((f) => [f.id, f.text]),
    );
    for (const attempt of acked.filter((a) => a.kind === 'fact')) {
      expect(servedFacts.get(attempt.factId!), `acknowledged fact ${attempt.n}`).toBe(attempt.content);
    }
    await second.stop();

    // Now look at the rows themselves.
    const database = await backend.open();
    try {
      const [session] = await database.query<{ state_version: number }>(
        'SELECT state_version FROM ai_sessions WHERE id = $1',
        [sessionId],
      );
      const factRows = await database.query<{
        id: string;
        kind: string;
        text: string;
        created_by_user_id: string | null;
        deleted_at: string | null;
      }>(
        `SELECT id, kind, text, created_by_user_id, deleted_at FROM session_facts
         WHERE ai_session_id = $1 AND text LIKE 'durability fact %'`,
        [sessionId],
      );
      const factAudits = await database.query<{ subject_id: string; after: { text: string } }>(
        `SELECT subject_id, after FROM audit_events WHERE ai_session_id = $1 AND action = 'fact.added'
         AND after->>'text' LIKE 'durability fact %'`,
        [sessionId],
      );
      const scriptAudits = await database.query<{ script_length: number }>(
        `SELECT (after->>'script_length')::int AS script_length FROM audit_events
         WHERE ai_session_id = $1 AND action = 'fix.script_updated' ORDER BY created_at`,
        [sessionId],
      );
      const [fixRow] = await database.query<{ ai_drafted_script: string }>(
        'SELECT ai_drafted_script FROM session_suggested_fixes WHERE id = $1',
        [fixId],
      );

      const attemptedFacts = new Map(attempts.filter((a) => a.kind === 'fact').map((a) => [a.content, a]));
      const scriptsByLength = new Map(
        attempts.filter((a) => a.kind === 'script').map((a) => [a.content.length, a]),
      );
      const presentScripts = scriptAudits.map((row) => scriptsByLength.get(row.script_length));
      const summary = {
        backend: backend.name,
        load_ms: Math.round(loadMs),
        attempted: attempts.length,
        acknowledged: acked.length,
        in_flight_at_kill: inFlightAtKill,
        present_facts: factRows.length,
        present_script_patches: scriptAudits.length,
        state_version_delta: session!.state_version - baseVersion,
      };
      console.log(`durability ${JSON.stringify(summary)}`);

      // Every fact present is one we sent, whole, with exactly one audit row.
      for (const row of factRows) {
        expect(attemptedFacts.get(row.text), `fact row ${row.id}`).toBeDefined();
        expect(row).toMatchObject({ kind: 'engineer_note', deleted_at: null });
        expect(row.created_by_user_id).not.toBeNull();
      }
      expect(new Set(factRows.map((r) => r.text)).size).toBe(factRows.length);
      expect(factAudits.map((a) => a.subject_id).sort()).toEqual(factRows.map((r) => r.id).sort());
      // Every script patch recorded is one we sent; the fix holds the last one.
      expect(presentScripts.every(Boolean)).toBe(true);
      expect(new Set(scriptAudits.map((r) => r.script_length)).size).toBe(scriptAudits.length);
      const lastScript = presentScripts.at(-1);
      expect(fixRow!.ai_drafted_script).toBe(lastScript ? lastScript.content : scriptText(0));
      // Everything acknowledged is there.
      const presentScriptNumbers = new Set(presentScripts.map((a) => a!.n));
      for (const attempt of acked.filter((a) => a.kind === 'script')) {
        expect(presentScriptNumbers.has(attempt.n), `acknowledged script patch ${attempt.n}`).toBe(true);
      }
      // state_version counts exactly the writes present: at least every acknowledged one.
      expect(summary.state_version_delta).toBe(factRows.length + scriptAudits.length);
      expect(summary.state_version_delta).toBeGreaterThanOrEqual(acked.length);
      const ackedVersions = acked.map((a) => a.stateVersion).filter((v) => v !== undefined);
      expect(new Set(ackedVersions).size).toBe(ackedVersions.length);
    } finally {
      await database.close();
    }
  } finally {
    for (const server of servers) await server.stop().catch(() => {});
    await backend.dispose();
  }
}

describe('durability: kill -9 under write load', () => {
  it('PGlite keeps every acknowledged write, and nothing half-written', { timeout: 90_000 }, async () => {
    await runScenario(pgliteBackend);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'PostgreSQL keeps every acknowledged write, and nothing half-written',
    { timeout: 90_000 },
    async () => {
      await runScenario(() => postgresBackend(process.env.TEST_DATABASE_URL!));
    },
  );
});
