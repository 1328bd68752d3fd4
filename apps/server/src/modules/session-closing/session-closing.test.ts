import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptTemplates } from '@flowpilot/db/schema-scripts';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { scriptedModel } from '../../../test/scripted-model.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, stateVersion } from '../../../test/session-helpers.ts';

const past = new Date('2026-03-02T14:05:00Z');
type Kind = 'resolution-note' | 'escalation-package';

describe('session closing: previews, resolve, escalate', () => {
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

  const base = (sid: string) => `/api/v1/ai-sessions/${sid}`;
  const preview = (sid: string, kind: Kind, payload: object | undefined = {}, who = owner) =>
    t.app.inject({
      method: 'POST',
      url: `${base(sid)}/${kind}/preview`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload }),
    });
  const post = (sid: string, kind: Kind, payload: object = {}, who = owner) =>
    t.app.inject({ method: 'POST', url: `${base(sid)}/${kind}/post`, headers: who.headers, payload });
  const addFact = (sid: string, text: string) =>
    t.app.inject({ method: 'POST', url: `${base(sid)}/facts`, headers: owner.headers, payload: { text } });
  const fixRow = async (id: string) =>
    (
      await t.database.query<{
        status: string;
        applied_at: Date | null;
        partial_notes: string | null;
        failure_reason: string | null;
      }>(
        'SELECT status, applied_at, partial_notes, failure_reason FROM session_suggested_fixes WHERE id = $1',
        [id],
      )
    )[0]!;
  const auditActions = async (sid: string) =>
    (
      await t.database.query<{ action: string }>(
        'SELECT action FROM audit_events WHERE ai_session_id = $1 ORDER BY created_at, id',
        [sid],
      )
    ).map((row) => row.action);

  describe('preview', () => {
    it('is cached per state_version: a note-relevant write makes the next preview fresh', async () => {
      const session = await insertSession(t, owner);
      const first = await preview(session.id, 'resolution-note');
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ state_version: 0, from_cache: false, polished: false });
      expect(first.json().markdown).toContain('# Resolution: Outlook keeps prompting for a password');

      const again = await preview(session.id, 'resolution-note');
      expect(again.json()).toEqual({ ...first.json(), from_cache: true });
      // The other kind has its own entry.
      expect((await preview(session.id, 'escalation-package')).json()).toMatchObject({ from_cache: false });
      expect((await preview(session.id, 'escalation-package')).json()).toMatchObject({ from_cache: true });

      expect((await addFact(session.id, 'Happens only on the VPN')).statusCode).toBe(201);
      const fresh = await preview(session.id, 'resolution-note');
      expect(fresh.json()).toMatchObject({ state_version: 1, from_cache: false });
      expect(fresh.json().markdown).toContain('- Happens only on the VPN');
      expect((await preview(session.id, 'resolution-note')).json()).toMatchObject({
        state_version: 1,
        from_cache: true,
      });
      // Reads never bump.
      expect(await stateVersion(t, session.id)).toBe(1);
    });

    it('never serves a stale text after a triage edit (which does not bump state_version)', async () => {
      const session = await insertSession(t, owner);
      await preview(session.id, 'escalation-package');
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `${base(session.id)}/triage`,
        headers: owner.headers,
        payload: { triage_hypothesis: 'Stale cached credentials in Credential Manager' },
      });
      expect(patched.statusCode).toBe(200);
      const after = (await preview(session.id, 'escalation-package')).json();
      expect(after).toMatchObject({ state_version: 0, from_cache: false });
      expect(after.markdown).toContain('Stale cached credentials in Credential Manager');
    });

    it('accepts an empty body or none, and refuses bad ones with a 4xx', async () => {
      const session = await insertSession(t, owner);
      expect((await preview(session.id, 'resolution-note', undefined)).statusCode).toBe(200);
      expect((await preview(session.id, 'resolution-note', {})).statusCode).toBe(200);
      expect((await preview(session.id, 'resolution-note', { polish: 'yes' })).statusCode).toBe(422);
      const garbage = await t.app.inject({
        method: 'POST',
        url: `${base(session.id)}/resolution-note/preview`,
        headers: { ...owner.headers, 'content-type': 'application/json' },
        payload: '{"polish":',
      });
      expect(garbage.statusCode).toBe(400);
      const text = await t.app.inject({
        method: 'POST',
        url: `${base(session.id)}/escalation-package/preview`,
        headers: { ...owner.headers, 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(text.statusCode).toBeGreaterThanOrEqual(400);
      expect(text.statusCode).toBeLessThan(500);
      expect((await preview('not-a-uuid', 'resolution-note')).statusCode).toBe(422);
    });

    it("is the owner's alone: a colleague, even the account owner, gets 404", async () => {
      const engineer = await addUser(t.app, owner, 'engineer');
      const session = await insertSession(t, engineer);
      expect((await preview(session.id, 'resolution-note', {}, engineer)).statusCode).toBe(200);
      expect((await preview(session.id, 'resolution-note', {}, owner)).statusCode).toBe(404);
      const viewer = await addUser(t.app, owner, 'viewer');
      expect((await preview(session.id, 'escalation-package', {}, viewer)).statusCode).toBe(404);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `${base(session.id)}/resolution-note/preview`,
        payload: {},
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('heads the text with the whole title, not the one cut for the session list', async () => {
      const first =
        'Outlook keeps prompting for a password on the accounting laptop since Monday morning after the user changed her password';
      const session = await openSession(t, owner, { text: `${first}\nOWA works.`, ticket_ref: 'T-2211' });
      expect(session.title).toMatch(/…$/);
      for (const kind of ['resolution-note', 'escalation-package'] as const) {
        const markdown = (await preview(session.id, kind)).json().markdown as string;
        expect(markdown.split('\n')[0]).toMatch(new RegExp(`^# (Resolution|Escalation): ${first}$`));
      }
      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `${base(session.id)}/triage`,
        headers: owner.headers,
        payload: { title: 'Outlook prompts…' },
      });
      expect(renamed.statusCode).toBe(200);
      const markdown = (await preview(session.id, 'resolution-note')).json().markdown as string;
      expect(markdown.split('\n')[0]).toBe('# Resolution: Outlook prompts…');
    });

    it('composes from structured state only and redacts sensitive template parameters', async () => {
      const session = await insertSession(t, owner, { triageHypothesis: 'Corrupt OST file' });
      const [template] = await t.database.db
        .insert(scriptTemplates)
        .values({
          accountId: owner.accountId,
          name: 'Reset Outlook profile',
          language: 'powershell',
          body: 'Reset-Profile -User {{user}} -Password {{admin_password}}',
          parametersSchema: [
            { name: 'user', label: 'User', type: 'string', required: true, sensitive: false },
            {
              name: 'admin_password',
              label: 'Admin password',
              type: 'secret',
              required: true,
              sensitive: false,
            },
          ],
        })
        .returning();
      await insertFix(t, session, {
        title: 'Drafted fix',
        aiDraftedParameters: { api_token: 'tok-SECRET-1' },
        supersededAt: past,
        appliedAt: past,
        status: 'applied_failed',
        failureReason: 'still prompts',
      });
      const active = await insertFix(t, session, {
        title: 'Reset the profile',
        scriptTemplateId: template!.id,
        aiDraftedParameters: { user: 'jdoe', admin_password: 'hunter2-SECRET' },
        appliedAt: past,
      });
      await t.database.query(
        `INSERT INTO ai_session_messages (account_id, ai_session_id, role, content) VALUES ($1, $2, 'user', 'transcript-only words')`,
        [owner.accountId, session.id],
      );
      const note = (await preview(session.id, 'escalation-package')).json().markdown as string;
      expect(note).toContain("**Drafted fix** — didn't work (applied 2026-03-02 14:05 UTC): still prompts");
      expect(note).toContain('`user` = `jdoe`, `admin_password` = `••••`');
      expect(note).not.toContain('hunter2');
      expect(note).not.toContain('tok-SECRET');
      expect(note).not.toContain('transcript-only');
      expect(note).toContain('Confirm whether **Reset the profile** worked.');
      expect(active.id).toBeTruthy();
    });
  });

  describe('resolve', () => {
    it('records a Verifying fix as worked (implicit signal), stores the note and closes the session', async () => {
      const session = await insertSession(t, owner);
      const fix = await insertFix(t, session, { appliedAt: past });
      await addFact(session.id, 'Credential Manager had a stale entry');
      const response = await post(session.id, 'resolution-note');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.outcome).toBe('resolved_local');
      expect(body.session).toMatchObject({
        id: session.id,
        status: 'resolved',
        state_version: 2,
        escalation_package: null,
        escalated_at: null,
      });
      expect(body.session.resolved_at).toEqual(expect.any(String));
      expect(body.session.resolution_note).toContain(
        'Resolved by **Rebuild the Outlook profile**: applied 2026-03-02 14:05 UTC, verified working',
      );
      expect(body.session.resolution_note).toContain('- Credential Manager had a stale entry');
      expect(body.session.active_fix).toMatchObject({
        id: fix.id,
        status: 'applied_success',
        state_label: 'Worked',
      });
      expect(await fixRow(fix.id)).toMatchObject({ status: 'applied_success' });
      expect(await auditActions(session.id)).toEqual([
        'fact.added',
        'fix.outcome.applied_success',
        'session.resolved',
      ]);

      const detail = await t.app.inject({ method: 'GET', url: base(session.id), headers: owner.headers });
      expect(detail.json()).toMatchObject({
        status: 'resolved',
        resolution_note: body.session.resolution_note,
      });
    });

    it('leaves a fix that was never run as it is', async () => {
      const session = await insertSession(t, owner);
      const fix = await insertFix(t, session);
      const body = (await post(session.id, 'resolution-note')).json();
      expect(await fixRow(fix.id)).toMatchObject({ status: 'proposed', applied_at: null });
      expect(body.session.resolution_note).toContain('Resolution not yet applied');
      expect(await auditActions(session.id)).toEqual(['session.resolved']);
    });

    it('stores the edited markdown as sent', async () => {
      const session = await insertSession(t, owner);
      const edited = '# Fixed\n\nRebuilt the profile; the user confirmed.\u0000\n';
      const body = (await post(session.id, 'resolution-note', { markdown: edited })).json();
      expect(body.session.resolution_note).toBe('# Fixed\n\nRebuilt the profile; the user confirmed.\n');
      const [audit] = await t.database.query<{ after: { edited: boolean } }>(
        `SELECT after FROM audit_events WHERE action = 'session.resolved' AND ai_session_id = $1`,
        [session.id],
      );
      expect(audit!.after.edited).toBe(true);
    });

    it('refuses bad markdown with 422 and changes nothing', async () => {
      const session = await insertSession(t, owner);
      const before = await snapshotDatabase(t);
      expect((await post(session.id, 'resolution-note', { markdown: 'x'.repeat(100_001) })).statusCode).toBe(
        422,
      );
      expect((await post(session.id, 'resolution-note', { markdown: '   ' })).statusCode).toBe(422);
      expect((await post(session.id, 'resolution-note', { markdown: '\u0000' })).statusCode).toBe(422);
      expect((await post(session.id, 'resolution-note', { markdown: 42 })).statusCode).toBe(422);
      expect(await snapshotDatabase(t)).toEqual(before);
      expect((await post(session.id, 'resolution-note', { markdown: 'x'.repeat(100_000) })).statusCode).toBe(
        200,
      );
    });
  });

  describe('escalate', () => {
    const choices = [
      {
        choice: 'didnt_work',
        extra: { failure_reason: 'Still prompts after reboot' },
        status: 'applied_failed',
        text: "didn't work (applied 2026-03-02 14:05 UTC): Still prompts after reboot",
      },
      {
        choice: 'partial',
        extra: { partial_notes: 'Done on 2 of 3 PCs' },
        status: 'applied_partial',
        text: 'partially applied (applied 2026-03-02 14:05 UTC): Done on 2 of 3 PCs',
      },
      {
        choice: 'worked_other_reason',
        extra: {},
        status: 'applied_success',
        text: 'worked (applied 2026-03-02 14:05 UTC)',
      },
      {
        choice: 'never_applied',
        extra: {},
        status: 'proposed',
        text: 'applied 2026-03-02 14:05 UTC, outcome not verified yet',
      },
    ] as const;

    it.each(choices.map((c) => [c.choice, c] as const))(
      'intercept choice %s records the outcome first',
      async (_name, c) => {
        const session = await insertSession(t, owner);
        const fix = await insertFix(t, session, { appliedAt: past });
        const response = await post(session.id, 'escalation-package', {
          intercept_choice: c.choice,
          ...c.extra,
        });
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.outcome).toBe('escalated_local');
        expect(body.session).toMatchObject({ status: 'escalated', state_version: 1, resolution_note: null });
        expect(body.session.escalated_at).toEqual(expect.any(String));
        expect(body.session.escalation_package).toContain(`**Rebuild the Outlook profile** — ${c.text}`);
        const row = await fixRow(fix.id);
        expect(row.status).toBe(c.status);
        if (c.choice === 'partial') expect(row.partial_notes).toBe('Done on 2 of 3 PCs');
        if (c.choice === 'didnt_work') expect(row.failure_reason).toBe('Still prompts after reboot');
        expect(await auditActions(session.id)).toEqual(
          c.choice === 'never_applied'
            ? ['session.escalated']
            : [`fix.outcome.${c.status}`, 'session.escalated'],
        );
      },
    );

    it('records "partial" for a fix already Partial, updating its notes', async () => {
      const session = await insertSession(t, owner);
      const fix = await insertFix(t, session, {
        status: 'applied_partial',
        appliedAt: past,
        partialNotes: 'half',
      });
      const response = await post(session.id, 'escalation-package', {
        intercept_choice: 'partial',
        partial_notes: 'two thirds',
      });
      expect(response.statusCode).toBe(200);
      expect(await fixRow(fix.id)).toMatchObject({ status: 'applied_partial', partial_notes: 'two thirds' });
    });

    it('refuses contradictions and impossible outcomes, changing nothing', async () => {
      const session = await insertSession(t, owner);
      const before = await snapshotDatabase(t);
      const noFix = await post(session.id, 'escalation-package', { intercept_choice: 'didnt_work' });
      expect(noFix.statusCode).toBe(409);
      const mismatched = await post(session.id, 'escalation-package', {
        intercept_choice: 'didnt_work',
        partial_notes: 'x',
      });
      expect(mismatched.statusCode).toBe(400);
      expect(mismatched.json().errors).toEqual([expect.objectContaining({ field: 'partial_notes' })]);
      expect((await post(session.id, 'escalation-package', { intercept_choice: 'maybe' })).statusCode).toBe(
        422,
      );
      expect((await post(session.id, 'escalation-package', { partial_notes: 7 })).statusCode).toBe(422);
      expect(await snapshotDatabase(t)).toEqual(before);

      const done = await insertSession(t, owner);
      await insertFix(t, done, { status: 'applied_success', appliedAt: past, verifiedAt: past });
      const beforeTerminal = await snapshotDatabase(t);
      expect((await post(done.id, 'escalation-package', { intercept_choice: 'didnt_work' })).statusCode).toBe(
        409,
      );
      expect(await snapshotDatabase(t)).toEqual(beforeTerminal);
      // Without a choice the finished fix is simply reported.
      expect((await post(done.id, 'escalation-package', {})).statusCode).toBe(200);
    });
  });

  it('posts once: a second resolve or escalate is 409 and changes nothing', async () => {
    const session = await insertSession(t, owner);
    expect((await post(session.id, 'resolution-note')).statusCode).toBe(200);
    const before = await snapshotDatabase(t);
    expect((await post(session.id, 'resolution-note')).statusCode).toBe(409);
    expect(
      (await post(session.id, 'escalation-package', { intercept_choice: 'never_applied' })).statusCode,
    ).toBe(409);
    expect(await snapshotDatabase(t)).toEqual(before);

    const escalated = await insertSession(t, owner);
    expect((await post(escalated.id, 'escalation-package')).statusCode).toBe(200);
    expect((await post(escalated.id, 'resolution-note')).statusCode).toBe(409);
    expect((await post(escalated.id, 'escalation-package')).statusCode).toBe(409);
  });

  it('settles concurrent posts on the session lock: exactly one wins', async () => {
    const session = await insertSession(t, owner);
    const results = await Promise.all([
      post(session.id, 'resolution-note'),
      post(session.id, 'escalation-package'),
      post(session.id, 'resolution-note'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await stateVersion(t, session.id)).toBe(1);
  });

  it('leaves the session read-only afterwards', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session);
    await post(session.id, 'escalation-package');
    expect((await addFact(session.id, 'one more thing')).statusCode).toBe(409);
    const outcome = await t.app.inject({
      method: 'PATCH',
      url: `${base(session.id)}/suggested-fixes/${fix.id}/outcome`,
      headers: owner.headers,
      payload: { outcome: 'applied_success' },
    });
    expect(outcome.statusCode).toBe(409);
    const triage = await t.app.inject({
      method: 'PATCH',
      url: `${base(session.id)}/triage`,
      headers: owner.headers,
      payload: { status: 'active' },
    });
    expect(triage.statusCode).toBe(409);
    // Previews still work on a closed session (read-only, not hidden).
    expect((await preview(session.id, 'escalation-package')).statusCode).toBe(200);
  });

  it('lets viewers read but not post', async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    const session = await insertSession(t, viewer);
    expect((await preview(session.id, 'resolution-note', {}, viewer)).statusCode).toBe(200);
    const before = await snapshotDatabase(t);
    expect((await post(session.id, 'resolution-note', {}, viewer)).statusCode).toBe(403);
    expect(
      (await post(session.id, 'escalation-package', { intercept_choice: 'never_applied' }, viewer))
        .statusCode,
    ).toBe(403);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  describe('polish', () => {
    it("uses a real model's rewording when it keeps every fact and fix, and falls back when it does not", async () => {
      const keeps = 'Rewritten. Confirmed: **happens only on the vpn**. Tried: Rebuild the Outlook profile.';
      const drops = 'Rewritten without the facts.';
      const model = {
        ...scriptedModel(['```markdown\n' + keeps + '\n```', drops]),
        backend: 'openai-compatible' as const,
      };
      const polished = await createTestApp({ model });
      try {
        const someone = await signUpAccount(polished.app);
        const session = await insertSession(polished, someone);
        await insertFix(polished, session, { appliedAt: past });
        await polished.app.inject({
          method: 'POST',
          url: `${base(session.id)}/facts`,
          headers: someone.headers,
          payload: { text: 'Happens only on the VPN' },
        });
        const ask = (payload: object) =>
          polished.app.inject({
            method: 'POST',
            url: `${base(session.id)}/resolution-note/preview`,
            headers: someone.headers,
            payload,
          });

        const first = (await ask({ polish: true })).json();
        expect(first).toMatchObject({ markdown: `${keeps}\n`, polished: true, from_cache: false });
        expect(model.requests[0]!.messages[0]!.content).toContain('# Resolution:');
        expect((await ask({ polish: true })).json()).toMatchObject({
          markdown: `${keeps}\n`,
          from_cache: true,
        });
        expect((await ask({})).json()).toMatchObject({ polished: false, from_cache: false });

        await polished.app.inject({
          method: 'POST',
          url: `${base(session.id)}/facts`,
          headers: someone.headers,
          payload: { text: 'Started after the password change' },
        });
        const fallback = (await ask({ polish: true })).json();
        expect(fallback).toMatchObject({ polished: false, from_cache: false });
        expect(fallback.markdown).toContain('- Started after the password change');
      } finally {
        await polished.close();
      }
    });

    it('is ignored offline', async () => {
      const session = await insertSession(t, owner);
      const body = (await preview(session.id, 'resolution-note', { polish: true })).json();
      expect(body).toMatchObject({ polished: false });
      expect(body.markdown).toContain('# Resolution:');
    });
  });
});
