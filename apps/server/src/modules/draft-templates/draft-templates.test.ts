import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { onePendingDraftPerFix } from '@flowpilot/db/migrations/0007-one-pending-draft-per-fix';
import { createDraftTemplate } from './create-draft-template.ts';
import { draftThroughDecision } from './draft-test-helpers.ts';

describe('draft templates', () => {
  let t: TestApp;
  let owner: SignedUp;
  let engineer: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
    engineer = await addUser(t.app, owner, 'engineer');
  });

  const list = (who: SignedUp, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/draft-templates${query}`, headers: who.headers });
  const decide = (
    who: SignedUp,
    id: string,
    verdict: 'accept' | 'reject',
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/draft-templates/${id}/${verdict}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });

  it('queues "templatize after" scripts for the owners with a pending count', async () => {
    const { draftId, sessionId, fixId } = await draftThroughDecision(t.app, engineer);
    await draftThroughDecision(t.app, engineer, { name: 'Second draft' });
    const response = await list(owner, '?status=pending');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.pending_count).toBe(2);
    expect(body.items).toHaveLength(2);
    expect(body.items.find((d: { id: string }) => d.id === draftId)).toMatchObject({
      ai_session_id: sessionId,
      fix_id: fixId,
      session_title: 'S: drive missing',
      created_by_user_id: engineer.userId,
      created_by_name: expect.stringMatching(/^engineer /),
      proposed_name: 'Map the shared drive',
      language: 'powershell',
      status: 'pending',
    });
    expect((await list(owner, '?status=accepted')).json()).toEqual({ items: [], pending_count: 2 });
  });

  it('promotes an accepted draft with its provenance, once', async () => {
    const { draftId, sessionId } = await draftThroughDecision(t.app, engineer, { ticketRef: 'INC-777' });
    const response = await decide(owner, draftId, 'accept', { category: 'Files & sync' });
    expect(response.statusCode).toBe(200);
    const { draft, template } = response.json();
    expect(draft).toMatchObject({
      status: 'accepted',
      reviewed_by_user_id: owner.userId,
      promoted_template_id: template.id,
    });
    expect(draft.reviewed_at).not.toBeNull();
    expect(template).toMatchObject({
      name: 'Map the shared drive',
      category: 'Files & sync',
      language: 'powershell',
      body: 'net use S: \\\\fs01\\shared /persistent:yes',
      is_builtin: false,
      source_session_id: sessionId,
      source_user_id: engineer.userId,
      source_ticket_ref: 'INC-777',
      created_by_user_id: owner.userId,
    });
    expect(template.description).toMatch(/^From session S: drive missing by engineer \d+$/);
    const library = await t.app.inject({
      method: 'GET',
      url: `/api/v1/script-templates/${template.id}`,
      headers: engineer.headers,
    });
    expect(library.statusCode).toBe(200);

    const before = await snapshotDatabase(t);
    expect((await decide(owner, draftId, 'accept')).statusCode).toBe(409);
    expect((await decide(owner, draftId, 'reject')).statusCode).toBe(409);
    expect(await snapshotDatabase(t)).toEqual(before);
    const audit = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY created_at`,
      [draftId],
    );
    expect(audit.map((a) => a.action)).toEqual(['draft_template.created', 'draft_template.accepted']);
  });

  it('accepts an edited body, declaring the placeholders the owner added', async () => {
    const { draftId } = await draftThroughDecision(t.app, engineer, {
      script: 'echo hard-coded',
      language: 'bash',
    });
    const response = await decide(owner, draftId, 'accept', {
      edited_body: 'echo {{greeting}}',
      name: 'Greeter',
    });
    expect(response.statusCode).toBe(200);
    const { template } = response.json();
    expect(template).toMatchObject({ name: 'Greeter', body: 'echo {{greeting}}', language: 'bash' });
    expect(template.parameters_schema).toEqual([
      { name: 'greeting', label: 'greeting', type: 'string', required: true, sensitive: false },
    ]);
  });

  it('refuses an unsafe edited body (422) and a taken name (409), leaving the draft pending', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: owner.headers,
      payload: { name: 'Map the shared drive', language: 'bash', body: 'echo hi' },
    });
    const { draftId } = await draftThroughDecision(t.app, engineer, { language: 'bash', script: 'echo hi' });
    const unsafe = await decide(owner, draftId, 'accept', {
      edited_body: 'echo "{{x}}"',
      name: 'Other name',
    });
    expect(unsafe.statusCode).toBe(422);
    expect(unsafe.json().errors[0].field).toBe('body');
    const taken = await decide(owner, draftId, 'accept');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toMatch(/already exists/);
    expect((await list(owner, '?status=pending')).json().pending_count).toBe(1);
  });

  it('rejects once, then answers 409 to any further decision', async () => {
    const { draftId } = await draftThroughDecision(t.app, engineer);
    const rejected = await decide(owner, draftId, 'reject');
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().draft).toMatchObject({
      status: 'rejected',
      reviewed_by_user_id: owner.userId,
      promoted_template_id: null,
    });
    expect((await decide(owner, draftId, 'reject')).statusCode).toBe(409);
    expect((await decide(owner, draftId, 'accept')).statusCode).toBe(409);
    expect((await list(owner)).json().pending_count).toBe(0);
  });

  it('keeps one pending draft per fix: a repeat is refused in plain words until the draft is reviewed', async () => {
    const { draftId, sessionId, fixId } = await draftThroughDecision(t.app, engineer);
    const again = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixId}/decision`,
        headers: engineer.headers,
        payload: { decision: 'draft_template', template_name: name },
      });
    const before = await snapshotDatabase(t);
    const repeat = await again('Map it again');
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().detail).toBe(
      'This fix already has a draft template waiting for review ("Map the shared drive"). ' +
        'An owner can accept or reject it under Scripts → Draft review; after that you can queue another.',
    );
    // Refused whole: no second draft, no bump, no audit row.
    expect(await snapshotDatabase(t)).toEqual(before);
    expect((await decide(owner, draftId, 'reject')).statusCode).toBe(200);
    const afterReview = await again('Map the shared drive, take two');
    expect(afterReview.statusCode).toBe(200);
    expect(afterReview.json().draft_template_id).not.toBe(draftId);
    expect((await list(owner)).json().pending_count).toBe(1);
  });

  it('migration 0007 keeps the oldest of duplicate pending drafts on the fix and the rest in the queue', async () => {
    const { draftId, fixId } = await draftThroughDecision(t.app, engineer);
    await t.database.execScript(onePendingDraftPerFix.down);
    // Copies queued before the index existed.
    await t.database.query(
      `INSERT INTO draft_templates (account_id, ai_session_id, fix_id, proposed_name, language, body, created_at)
       SELECT account_id, ai_session_id, fix_id, 'Copy ' || n, language, body, created_at + n * interval '1 second'
         FROM draft_templates, generate_series(1, 2) AS n WHERE id = $1`,
      [draftId],
    );
    await t.database.execScript(onePendingDraftPerFix.up);
    const rows = await t.database.query<{ id: string; fix_id: string | null; status: string }>(
      `SELECT id, fix_id, status FROM draft_templates ORDER BY created_at`,
    );
    expect(rows.map((r) => [r.fix_id, r.status])).toEqual([
      [fixId, 'pending'],
      [null, 'pending'],
      [null, 'pending'],
    ]);
    expect(rows[0]!.id).toBe(draftId);
  });

  it('leaves review to owners: engineers and viewers get 403 and nothing changes', async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    const { draftId } = await draftThroughDecision(t.app, engineer);
    const before = await snapshotDatabase(t);
    for (const who of [engineer, viewer]) {
      expect((await list(who)).statusCode).toBe(403);
      expect((await decide(who, draftId, 'accept')).statusCode).toBe(403);
      expect((await decide(who, draftId, 'reject')).statusCode).toBe(403);
    }
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('createDraftTemplate never stores parameter values, only a parameter schema', async () => {
    const { sessionId } = await draftThroughDecision(t.app, engineer);
    const caller = { accountId: owner.accountId, userId: engineer.userId };
    const draft = await t.database.db.transaction((tx) =>
      createDraftTemplate(tx, caller, {
        aiSessionId: sessionId,
        // Not tied to the fix: it already has its pending draft.
        fixId: null,
        body: 'connect {{password}}',
        language: 'bash',
        proposedName: '  ',
        parameters: { password: 'hunter2-secret' },
      }),
    );
    expect(draft).toMatchObject({ proposed_name: 'Untitled script', parameters: [], status: 'pending' });
    expect(JSON.stringify(await snapshotDatabase(t))).not.toContain('hunter2-secret');
  });
});
