import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, setSessionStatus, stateVersion } from '../../../test/session-helpers.ts';
import { fixConfidence } from './propose-fix.ts';

describe('suggested fixes', () => {
  let t: TestApp;
  let owner: SignedUp;
  let sessionId: string;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
    sessionId = (await openSession(t, owner)).id;
  });

  const fixes = (sid = sessionId) => `/api/v1/ai-sessions/${sid}/suggested-fixes`;
  const get = (url: string, who = owner) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const propose = (payload: object, who = owner, sid = sessionId) =>
    t.app.inject({ method: 'POST', url: fixes(sid), headers: who.headers, payload });

  it('proposes an engineer fix that becomes the active one', async () => {
    expect((await get(`${fixes()}/active`)).statusCode).toBe(404);
    const response = await propose({
      title: 'Rebuild the Outlook profile',
      description: 'New mail profile, set as default',
      ai_drafted_script: 'New-Item -Path HKCU:\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\New',
      script_language: 'powershell',
    });
    expect(response.statusCode).toBe(201);
    const fix = response.json();
    expect(fix).toMatchObject({
      ai_session_id: sessionId,
      title: 'Rebuild the Outlook profile',
      confidence_pct: 50,
      status: 'proposed',
      state_label: 'Proposed',
      source: 'engineer',
      script_language: 'powershell',
      superseded_at: null,
      applied_at: null,
    });
    expect(await stateVersion(t, sessionId)).toBe(1);
    expect((await get(`${fixes()}/active`)).json()).toEqual(fix);
    expect((await get(`/api/v1/ai-sessions/${sessionId}`)).json().active_fix).toEqual(fix);
    expect(await stateVersion(t, sessionId)).toBe(1);
  });

  it('supersedes the active fix, keeping exactly one active and the history newest first', async () => {
    // An AI proposal first, as a turn would have left it.
    const [aiFix] = await t.database.query<{ id: string }>(
      `INSERT INTO session_suggested_fixes (account_id, ai_session_id, title, confidence_pct, source)
       VALUES ($1, $2, 'Clear cached credentials', 60, 'ai') RETURNING id`,
      [owner.accountId, sessionId],
    );
    const second = (await propose({ title: 'Reset the profile', confidence_pct: 70 })).json();
    const third = (await propose({ title: 'Re-register the device', confidence_pct: 80 })).json();
    expect(await stateVersion(t, sessionId)).toBe(2);

    const list = (await get(fixes())).json().items as {
      id: string;
      superseded_at: string | null;
      state_label: string;
    }[];
    expect(list.map((f) => f.id)).toEqual([third.id, second.id, aiFix!.id]);
    expect(list.map((f) => f.state_label)).toEqual(['Proposed', 'Superseded', 'Superseded']);
    expect(list.filter((f) => f.superseded_at === null)).toHaveLength(1);
    expect((await get(`${fixes()}/active`)).json().id).toBe(third.id);

    const events = await t.database.query<{ action: string; subject_id: string }>(
      `SELECT action, subject_id FROM audit_events WHERE ai_session_id = $1 AND action LIKE 'fix.%' ORDER BY created_at`,
      [sessionId],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'fix.superseded', subject_id: aiFix!.id },
        { action: 'fix.proposed', subject_id: second.id },
        { action: 'fix.superseded', subject_id: second.id },
        { action: 'fix.proposed', subject_id: third.id },
      ]),
    );
    expect(events).toHaveLength(4);
  });

  it('has a database that refuses a second active fix for a session', async () => {
    await propose({ title: 'The one' });
    await expect(
      t.database.query(
        `INSERT INTO session_suggested_fixes (account_id, ai_session_id, title, source) VALUES ($1, $2, 'Another', 'ai')`,
        [owner.accountId, sessionId],
      ),
    ).rejects.toThrow();
  });

  it('keeps one active fix when engineers propose concurrently', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => propose({ title: `Idea ${i}`, confidence_pct: 40 + i })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const [counts] = await t.database.query<{ active: number; total: number }>(
      `SELECT count(*) FILTER (WHERE superseded_at IS NULL)::int AS active, count(*)::int AS total
       FROM session_suggested_fixes WHERE ai_session_id = $1`,
      [sessionId],
    );
    expect(counts).toEqual({ active: 1, total: 8 });
    expect(await stateVersion(t, sessionId)).toBe(8);
  });

  it('rounds and clamps confidence, defaulting to 50', async () => {
    expect((await propose({ title: 'A', confidence_pct: 33.6 })).json().confidence_pct).toBe(34);
    expect((await propose({ title: 'B', confidence_pct: 100 })).json().confidence_pct).toBe(100);
    expect((await propose({ title: 'C', confidence_pct: 0.2 })).json().confidence_pct).toBe(0);
    expect((await propose({ title: 'D', confidence_pct: 101 })).statusCode).toBe(422);
    expect([fixConfidence(undefined), fixConfidence(-3), fixConfidence(140), fixConfidence(99.5)]).toEqual([
      50, 0, 100, 100,
    ]);
  });

  it('needs script_language with a drafted script (400 naming both) and a template from the library', async () => {
    const before = await snapshotDatabase(t);
    const response = await propose({ title: 'Script without language', ai_drafted_script: 'Get-Date' });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('bad_request');
    expect(problem.detail).toContain('ai_drafted_script');
    expect(problem.detail).toContain('script_language');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.ai_drafted_script',
      'body.script_language',
    ]);
    expect(await snapshotDatabase(t)).toEqual(before);

    const unknown = await propose({
      title: 'Ghost template',
      script_template_id: '0f9d3a52-5d4c-4b1e-9d7e-3c2b1a0f9e8d',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('body.script_template_id');
    const [builtin] = await t.database.query<{ id: string }>(
      'SELECT id FROM script_templates WHERE is_builtin LIMIT 1',
    );
    const withTemplate = await propose({ title: 'Use the library script', script_template_id: builtin!.id });
    expect(withTemplate.statusCode).toBe(201);
    expect(withTemplate.json().script_template_id).toBe(builtin!.id);
    expect((await propose({ title: 'x', script_template_id: 'nope' })).statusCode).toBe(422);
  });

  it('refuses writes to a resolved or escalated session (409), viewers (403) and other engineers (404)', async () => {
    await propose({ title: 'Existing fix' });
    const viewer = await addUser(t.app, owner, 'viewer');
    const colleague = await addUser(t.app, owner, 'engineer');
    let before = await snapshotDatabase(t);
    expect((await propose({ title: 'Viewer idea' }, viewer)).statusCode).toBe(403);
    expect((await propose({ title: 'Colleague idea' }, colleague)).statusCode).toBe(404);
    expect((await get(fixes(), colleague)).statusCode).toBe(404);
    expect((await get(`${fixes()}/active`, colleague)).statusCode).toBe(404);
    expect((await get(fixes(), viewer)).statusCode).toBe(404);
    expect(await snapshotDatabase(t)).toEqual(before);

    for (const status of ['resolved', 'escalated']) {
      await setSessionStatus(t, sessionId, status);
      before = await snapshotDatabase(t);
      expect((await propose({ title: 'Too late' })).statusCode).toBe(409);
      expect(await snapshotDatabase(t)).toEqual(before);
      expect((await get(`${fixes()}/active`)).statusCode).toBe(200);
    }
  });
});
