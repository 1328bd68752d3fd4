import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signUpAccount } from '../fixtures.ts';
import { createTemplate } from '../../src/modules/script-templates/template-test-helpers.ts';
import { createTestApp, type TestApp } from '../test-app.ts';

/**
 * Many clients hammer one session with every kind of write at once; afterwards the
 * invariants must hold together: one active fix, one inline builder row per user,
 * state_version equal to the acknowledged bumping writes, an audit row for each of them,
 * the template's counters equal to what the fixes say, at most one pending draft per fix.
 * On PostgreSQL (TEST_DATABASE_URL) the requests run on parallel pooled connections; that is
 * where the races live (PGlite runs one transaction at a time).
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
    const template = await createTemplate(t, owner, { name: 'Restart the spooler' });
    // A fix to act on from the first moment; the clients' proposals supersede it meanwhile.
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${sid}/suggested-fixes`,
      headers: owner.headers,
      payload: {
        title: 'Clear the spooler queue',
        ai_drafted_script: 'Restart-Service Spooler',
        script_language: 'powershell',
        script_template_id: template.id,
      },
    });
    expect(first.statusCode).toBe(201);
    const base = `/api/v1/ai-sessions/${sid}`;
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
    const activeFixId = async () => {
      const response = await call('GET', `${base}/suggested-fixes/active`);
      return response.statusCode === 200 ? (response.json().id as string) : null;
    };

    let bumps = 1;
    const expectedActions: string[] = ['fix.proposed'];
    const ack = (ok: boolean, ...actions: string[]) => {
      if (!ok) return;
      bumps++;
      expectedActions.push(...actions);
    };

    // The first half acts on the fix their page loaded; the rest look up the active one first.
    const firstFixId = first.json().id as string;
    const targetFix = (i: number) => (i < 45 ? Promise.resolve(firstFixId) : activeFixId());
    const clients = Array.from({ length: 90 }, (_, i) => async () => {
      switch (i % 9) {
        case 0: {
          const r = await call('POST', `${base}/facts`, { text: `Observation ${i}` });
          return ack(r.statusCode === 201, 'fact.added');
        }
        case 1: {
          // An engineer looks at the current fix before proposing another.
          await activeFixId();
          const r = await call('POST', `${base}/suggested-fixes`, {
            title: `Fix idea ${i}`,
            ai_drafted_script: 'Restart-Service Spooler',
            script_language: 'powershell',
            script_template_id: template.id,
          });
          return ack(r.statusCode === 201, 'fix.proposed');
        }
        case 2: {
          const fid = await targetFix(i);
          if (!fid) return;
          const r = await call('PATCH', `${base}/suggested-fixes/${fid}/script`, {
            ai_drafted_script: `# v${i}`,
          });
          // A fix superseded meanwhile refuses (409): that write was not acknowledged.
          return ack(r.statusCode === 200, 'fix.script_updated');
        }
        case 3: {
          const fid = await targetFix(i);
          if (!fid) return;
          const r = await call('PATCH', `${base}/suggested-fixes/${fid}/outcome`, {
            outcome: 'applied_partial',
            partial_notes: `n${i}`,
          });
          return ack(r.statusCode === 200, 'fix.outcome.applied_partial');
        }
        case 4: {
          const who = i % 18 === 4 ? owner : engineer;
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
        case 6: {
          const fid = await targetFix(i);
          if (!fid) return;
          const outcome = i % 2 ? 'applied_success' : 'applied_failed';
          const r = await call('PATCH', `${base}/suggested-fixes/${fid}/outcome`, { outcome });
          // Only the first outcome of a fix wins; the rest find it finished (409).
          expect([200, 409]).toContain(r.statusCode);
          return ack(r.statusCode === 200, `fix.outcome.${outcome}`);
        }
        case 7: {
          const fid = await targetFix(i);
          if (!fid) return;
          const r = await call('POST', `${base}/suggested-fixes/${fid}/decision`, {
            decision: 'draft_template',
            template_name: `Draft ${i}`,
          });
          expect([200, 409]).toContain(r.statusCode);
          return ack(r.statusCode === 200, 'fix.decision.draft_template', 'draft_template.created');
        }
        case 8: {
          const fid = await targetFix(i);
          if (!fid) return;
          const r = await call('POST', '/api/v1/scripts/generate', {
            template_id: template.id,
            parameters: { message: `hi ${i}` },
            ai_session_id: sid,
            fix_id: fid,
          });
          expect([201, 409]).toContain(r.statusCode);
          return ack(r.statusCode === 201, 'script.generated');
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
    // The wave really acted on fixes (it once did not: every fix client found no fix yet).
    expect(
      expectedActions.filter((a) => a.startsWith('fix.') && a !== 'fix.proposed').length,
    ).toBeGreaterThan(0);
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

    // Counters agree with the fixes: one outcome per finished fix, one use per fix generated for.
    const [counters] = await t.database.query<Record<string, number>>(
      'SELECT usage_count, success_count, failure_count, partial_count FROM script_templates WHERE id = $1',
      [template.id],
    );
    const [finished] = await t.database.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE status = 'applied_success')::int AS success_count,
              count(*) FILTER (WHERE status = 'applied_failed')::int AS failure_count
         FROM session_suggested_fixes WHERE ai_session_id = $1 AND script_template_id = $2`,
      [sid, template.id],
    );
    const [generatedFor] = await t.database.query<{ n: number }>(
      'SELECT count(DISTINCT fix_id)::int AS n FROM script_generations WHERE template_id = $1',
      [template.id],
    );
    expect(counters).toEqual({
      ...finished,
      usage_count: generatedFor!.n,
      partial_count: actual['fix.outcome.applied_partial'] ?? 0,
    });
    const drafts = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM draft_templates WHERE ai_session_id = $1 AND status = 'pending' GROUP BY fix_id`,
      [sid],
    );
    expect(drafts.every((d) => d.n === 1)).toBe(true);
    if (t.database.kind === 'postgres') {
      // The pool really ran these on several connections at once.
      const [connections] = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
      );
      expect(connections!.n).toBeGreaterThan(1);
    }
  });
});
