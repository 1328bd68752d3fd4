import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signUpAccount } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../test-app.ts';

/**
 * Many clients hammer one session with every kind of write at once; afterwards the
 * invariants must hold together: one active fix, one inline builder row per user,
 * state_version equal to the acknowledged bumping writes, an audit row for each of them.
 */
describe('one session under concurrent load', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps every invariant', async () => {
    const owner = await signUpAccount(t.app);
    const engineer = await addUser(t.app, owner, 'engineer');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'Print jobs stuck in the queue on PC-042' } },
    });
    const sid = created.json().id as string;
    await t.ctx.generations.drain(10_000);
    const base = `/api/v1/ai-sessions/${sid}`;
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
    const activeFixId = async () => {
      const response = await call('GET', `${base}/suggested-fixes/active`);
      return response.statusCode === 200 ? (response.json().id as string) : null;
    };

    let bumps = 0;
    const expectedActions: string[] = [];
    const ack = (ok: boolean, ...actions: string[]) => {
      if (!ok) return;
      bumps++;
      expectedActions.push(...actions);
    };

    const clients = Array.from({ length: 24 }, (_, i) => async () => {
      switch (i % 6) {
        case 0: {
          const r = await call('POST', `${base}/facts`, { text: `Observation ${i}` });
          return ack(r.statusCode === 201, 'fact.added');
        }
        case 1: {
          const r = await call('POST', `${base}/suggested-fixes`, {
            title: `Fix idea ${i}`,
            ai_drafted_script: 'Restart-Service Spooler',
            script_language: 'powershell',
          });
          return ack(r.statusCode === 201, 'fix.proposed');
        }
        case 2: {
          const fid = await activeFixId();
          if (!fid) return;
          const r = await call('PATCH', `${base}/suggested-fixes/${fid}/script`, {
            ai_drafted_script: `# v${i}`,
          });
          // A fix superseded meanwhile refuses (409): that write was not acknowledged.
          return ack(r.statusCode === 200, 'fix.script_updated');
        }
        case 3: {
          const fid = await activeFixId();
          if (!fid) return;
          const r = await call('PATCH', `${base}/suggested-fixes/${fid}/outcome`, {
            outcome: 'applied_partial',
            partial_notes: `n${i}`,
          });
          return ack(r.statusCode === 200, 'fix.outcome.applied_partial');
        }
        case 4: {
          const who = i % 12 === 4 ? owner : engineer;
          const viaEngineer = who === engineer;
          // The engineer cannot see the owner's session: 404, and no row. The owner gets-or-creates.
          const r = await t.app.inject({
            method: 'POST',
            url: '/api/v1/script-builder/sessions',
            headers: who.headers,
            payload: { origin: 'pilot_inline', ai_session_id: sid },
          });
          expect(viaEngineer ? [404] : [200, 201]).toContain(r.statusCode);
          return;
        }
        default: {
          const r = await call('POST', `${base}/resolution-note/preview`, {});
          expect(r.statusCode).toBe(200);
          return;
        }
      }
    });
    const inlineCreates = Array.from({ length: 8 }, () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/script-builder/sessions',
        headers: owner.headers,
        payload: { origin: 'pilot_inline', ai_session_id: sid },
      }),
    );
    const [, inline] = await Promise.all([
      Promise.all(clients.map((client) => client())),
      Promise.all(inlineCreates),
    ]);
    expect(new Set(inline.map((r) => r.json().id)).size).toBe(1);

    const [session] = await t.database.query<{ state_version: number }>(
      'SELECT state_version FROM ai_sessions WHERE id = $1',
      [sid],
    );
    expect(session!.state_version).toBe(bumps);
    const active = await t.database.query(
      'SELECT id FROM session_suggested_fixes WHERE ai_session_id = $1 AND superseded_at IS NULL',
      [sid],
    );
    expect(active).toHaveLength(1);
    const builders = await t.database.query(
      `SELECT user_id FROM script_builder_sessions WHERE ai_session_id = $1 AND origin = 'pilot_inline'`,
      [sid],
    );
    expect(builders).toEqual([{ user_id: owner.userId }]);
    const audits = await t.database.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE ai_session_id = $1',
      [sid],
    );
    const counts = (list: string[]) =>
      list.reduce<Record<string, number>>((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {});
    const actual = counts(audits.map((a) => a.action));
    for (const [action, n] of Object.entries(counts(expectedActions))) expect(actual[action]).toBe(n);
  });
});
