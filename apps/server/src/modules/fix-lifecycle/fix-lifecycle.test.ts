import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canTransition, type FixEventType } from '@flowpilot/core/fix-lifecycle';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { toLifecycleState } from '../session-core/fixes.repository.ts';

const past = new Date('2026-01-01T00:00:00Z');

/** Every state a fix can be in, as column values. */
const states = {
  proposed: {},
  verifying: { appliedAt: past },
  'ai-confirming': { aiOutcomeProposal: { outcome: 'applied_success' as const, reason: 'the user said so' } },
  partial: { status: 'applied_partial' as const, appliedAt: past, partialNotes: 'half' },
  worked: { status: 'applied_success' as const, appliedAt: past, verifiedAt: past },
  failed: { status: 'applied_failed' as const, appliedAt: past, verifiedAt: past },
  dismissed: { status: 'dismissed' as const, supersededAt: past, userDecision: 'dismissed' as const },
  superseded: { supersededAt: past },
};

/** Every action the API offers on a fix, with the lifecycle event it maps to. */
const actions: {
  name: string;
  event: FixEventType;
  method: 'POST' | 'PATCH';
  path: string;
  body: object;
  stamps: boolean;
}[] = [
  { name: 'apply (I ran this)', event: 'apply', method: 'POST', path: 'apply', body: {}, stamps: true },
  {
    name: 'decision one_off',
    event: 'decision',
    method: 'POST',
    path: 'decision',
    body: { decision: 'one_off' },
    stamps: true,
  },
  {
    name: 'decision draft_template',
    event: 'decision',
    method: 'POST',
    path: 'decision',
    body: { decision: 'draft_template' },
    stamps: true,
  },
  {
    name: 'decision build_template',
    event: 'build_template',
    method: 'POST',
    path: 'decision',
    body: { decision: 'build_template' },
    stamps: false,
  },
  {
    name: 'decision dismissed',
    event: 'dismissed',
    method: 'POST',
    path: 'decision',
    body: { decision: 'dismissed' },
    stamps: false,
  },
  {
    name: 'outcome worked',
    event: 'outcome',
    method: 'PATCH',
    path: 'outcome',
    body: { outcome: 'applied_success' },
    stamps: true,
  },
  {
    name: 'outcome failed',
    event: 'outcome',
    method: 'PATCH',
    path: 'outcome',
    body: { outcome: 'applied_failed', failure_reason: 'still prompts' },
    stamps: true,
  },
  {
    name: 'outcome partial',
    event: 'outcome',
    method: 'PATCH',
    path: 'outcome',
    body: { outcome: 'applied_partial', partial_notes: 'one PC left' },
    stamps: true,
  },
  {
    name: 'outcome dismissed',
    event: 'outcome',
    method: 'PATCH',
    path: 'outcome',
    body: { outcome: 'dismissed' },
    stamps: false,
  },
  {
    name: 'script patch',
    event: 'script_patch',
    method: 'PATCH',
    path: 'script',
    body: { ai_drafted_script: 'Write-Host "v2"' },
    stamps: false,
  },
  {
    name: 'confirm AI proposal',
    event: 'proposal_confirm',
    method: 'POST',
    path: 'outcome-proposal',
    body: { accept: true },
    stamps: true,
  },
  {
    name: 'reject AI proposal',
    event: 'proposal_reject',
    method: 'POST',
    path: 'outcome-proposal',
    body: { accept: false },
    stamps: false,
  },
];

describe('fix lifecycle API: every (state, action) pair', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  const cases = Object.entries(states).flatMap(([state, columns]) =>
    actions.map((action) => ({ state, columns, action })),
  );

  it.each(cases.map((c) => [`${c.state} × ${c.action.name}`, c] as const))(
    '%s',
    async (_name, { columns, action }) => {
      const session = await insertSession(t, owner);
      const fix = await insertFix(t, session, columns);
      const lifecycle = toLifecycleState(fix);
      // Confirm/reject need a proposal; the pure lifecycle throws for that precondition too.
      const needsProposal = action.event === 'proposal_confirm' || action.event === 'proposal_reject';
      const allowed =
        canTransition(lifecycle, action.event) && (!needsProposal || lifecycle.ai_outcome_proposal !== null);

      const response = await t.app.inject({
        method: action.method,
        url: `/api/v1/ai-sessions/${session.id}/suggested-fixes/${fix.id}/${action.path}`,
        headers: owner.headers,
        payload: action.body,
      });
      const [after] = await t.database.query<{ applied_at: Date | null; state_version: number }>(
        `SELECT f.applied_at, s.state_version FROM session_suggested_fixes f JOIN ai_sessions s ON s.id = f.ai_session_id WHERE f.id = $1`,
        [fix.id],
      );
      const audits = await t.database.query('SELECT 1 FROM audit_events WHERE subject_id = $1', [fix.id]);

      if (!allowed) {
        expect(response.statusCode).toBe(409);
        expect(response.json().code).toBe('conflict');
        expect(after!.state_version).toBe(0);
        expect(after!.applied_at?.toISOString() ?? null).toBe(fix.appliedAt?.toISOString() ?? null);
        expect(audits).toHaveLength(0);
        return;
      }
      expect(response.statusCode).toBe(200);
      expect(response.json().state_version).toBe(1);
      expect(after!.state_version).toBe(1);
      expect(audits).toHaveLength(1);
      if (fix.appliedAt) {
        expect(after!.applied_at?.toISOString()).toBe(fix.appliedAt.toISOString());
      } else if (action.stamps) {
        expect(after!.applied_at).not.toBeNull();
      } else {
        expect(after!.applied_at).toBeNull();
      }
    },
  );
});

describe('fix lifecycle API: rules', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const call = (method: 'POST' | 'PATCH', url: string, payload: object, headers = owner.headers) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, payload });

  it('PATCH script keeps status and applied_at, and validates the script (seed Task 5)', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, { appliedAt: past, status: 'applied_partial' });
    const ok = await call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/script`, {
      ai_drafted_script: 'Get-Process',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().fix).toMatchObject({
      status: 'applied_partial',
      applied_at: past.toISOString(),
      ai_drafted_script: 'Get-Process',
    });

    const empty = await call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/script`, {
      ai_drafted_script: '',
    });
    expect(empty.statusCode).toBe(422);
    const huge = await call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/script`, {
      ai_drafted_script: 'x'.repeat(50_001),
    });
    expect(huge.statusCode).toBe(422);

    const other = await insertSession(t, owner);
    const wrongSession = await call('PATCH', `/ai-sessions/${other.id}/suggested-fixes/${fix.id}/script`, {
      ai_drafted_script: 'Get-Process',
    });
    expect(wrongSession.statusCode).toBe(404);
  });

  it('clears the AI proposal when an outcome is recorded, and records notes and reasons', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, { aiOutcomeProposal: { outcome: 'applied_success' } });
    const response = await call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/outcome`, {
      outcome: 'applied_failed',
      failure_reason: 'Still prompts after restart',
    });
    expect(response.json().fix).toMatchObject({
      status: 'applied_failed',
      ai_outcome_proposal: null,
      failure_reason: 'Still prompts after restart',
      state_label: "Didn't work",
    });
  });

  it('refuses writes on a resolved session and from viewers', async () => {
    const session = await insertSession(t, owner, { status: 'resolved' });
    const fix = await insertFix(t, session);
    const closed = await call('POST', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/apply`, {});
    expect(closed.statusCode).toBe(409);
    const viewer = await addUser(t.app, owner, 'viewer');
    const open = await insertSession(t, owner);
    const openFix = await insertFix(t, open);
    const denied = await call(
      'POST',
      `/ai-sessions/${open.id}/suggested-fixes/${openFix.id}/apply`,
      {},
      viewer.headers,
    );
    expect(denied.statusCode).toBe(403);
  });

  it('"Run now, templatize after" queues a pending draft with the drafted script, atomically', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, { aiDraftedScript: 'Restart-Service Spooler' });
    const response = await call('POST', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/decision`, {
      decision: 'draft_template',
      template_name: 'Restart spooler',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.fix).toMatchObject({ user_decision: 'draft_template', state_label: 'Verifying' });
    const drafts = await t.database.query<{
      id: string;
      body: string;
      status: string;
      proposed_name: string;
    }>('SELECT id, body, status, proposed_name FROM draft_templates');
    expect(drafts).toEqual([
      {
        id: body.draft_template_id,
        body: 'Restart-Service Spooler',
        status: 'pending',
        proposed_name: 'Restart spooler',
      },
    ]);

    const scriptless = await insertFix(t, await insertSession(t, owner), { aiDraftedScript: null });
    const refused = await call(
      'POST',
      `/ai-sessions/${scriptless.aiSessionId}/suggested-fixes/${scriptless.id}/decision`,
      {
        decision: 'draft_template',
      },
    );
    expect(refused.statusCode).toBe(409);
    const [row] = await t.database.query<{ applied_at: Date | null }>(
      'SELECT applied_at FROM session_suggested_fixes WHERE id = $1',
      [scriptless.id],
    );
    expect(row!.applied_at).toBeNull();
  });

  it('counts outcomes against the template the fix used', async () => {
    const [template] = await t.database.query<{ id: string }>(
      'SELECT id FROM script_templates WHERE is_builtin LIMIT 1',
    );
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session, { scriptTemplateId: template!.id, aiDraftedScript: null });
    await call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/outcome`, {
      outcome: 'applied_success',
    });
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/script-templates/${template!.id}`,
      headers: owner.headers,
    });
    expect(JSON.stringify(listed.json())).toMatch(/"success_count":1/);
  });

  it('loses no state_version bump under concurrent writes to one session', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session);
    const writes = Array.from({ length: 20 }, (_, i) =>
      call('PATCH', `/ai-sessions/${session.id}/suggested-fixes/${fix.id}/script`, {
        ai_drafted_script: `echo ${i}`,
      }),
    );
    const responses = await Promise.all(writes);
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const [row] = await t.database.query<{ state_version: number }>(
      'SELECT state_version FROM ai_sessions WHERE id = $1',
      [session.id],
    );
    expect(row!.state_version).toBe(20);
    const audits = await t.database.query('SELECT 1 FROM audit_events WHERE ai_session_id = $1', [
      session.id,
    ]);
    expect(audits).toHaveLength(20);
  });
});
