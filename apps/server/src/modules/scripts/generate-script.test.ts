import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, setSessionStatus, stateVersion } from '../../../test/session-helpers.ts';
import { createTemplate, proposeFix } from '../script-templates/template-test-helpers.ts';

const SECRET = 'Tr0ub4dor&3-very-secret';

describe('generating scripts', () => {
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

  const generate = (who: SignedUp, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/scripts/generate', headers: who.headers, payload });

  const secretTemplate = () =>
    createTemplate(t, owner, {
      name: 'Connect with a service account',
      body: 'connect --user {{user}} --password {{password}}',
      parameters_schema: [
        { name: 'user', label: 'User', type: 'string', required: true },
        { name: 'password', label: 'Password', type: 'secret', required: true },
      ],
    });

  it('returns the real script once and stores only the redacted one, in the record and the audit trail', async () => {
    const template = await secretTemplate();
    const response = await generate(owner, {
      template_id: template.id,
      parameters: { user: 'svc', password: SECRET },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      template_id: template.id,
      script: `connect --user 'svc' --password '${SECRET}'`,
      redacted_script: "connect --user 'svc' --password '••••'",
      parameters: { user: 'svc', password: '••••' },
      ai_session_id: null,
      fix_id: null,
    });
    const everything = JSON.stringify(await snapshotDatabase(t));
    expect(everything).not.toContain(SECRET);
    const [row] = await t.database.query<{ rendered_script: string; parameters: unknown }>(
      'SELECT rendered_script, parameters FROM script_generations WHERE id = $1',
      [body.id],
    );
    expect(row).toEqual({
      rendered_script: body.redacted_script,
      parameters: { user: 'svc', password: '••••' },
    });
    const [audit] = await t.database.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_events WHERE action = 'script.generated' AND subject_id = $1`,
      [body.id],
    );
    expect(audit!.after).toMatchObject({
      template_id: template.id,
      parameters: { user: 'svc', password: '••••' },
    });
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/script-templates/${template.id}`,
          headers: owner.headers,
        })
      ).json().usage_count,
    ).toBe(1);
  });

  it('links the template to the active fix and bumps state_version exactly once', async () => {
    const template = await createTemplate(t, owner);
    const session = await openSession(t, owner, { text: 'Need to greet someone' });
    const fix = await proposeFix(t, owner, session.id, { title: 'Say hello', description: 'Greets' });
    const before = await stateVersion(t, session.id);
    const response = await generate(owner, {
      template_id: template.id,
      parameters: { message: 'hi' },
      ai_session_id: session.id,
      fix_id: fix.id,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ ai_session_id: session.id, fix_id: fix.id, script: "echo 'hi'" });
    expect(await stateVersion(t, session.id)).toBe(before + 1);
    const active = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai-sessions/${session.id}/suggested-fixes/active`,
      headers: owner.headers,
    });
    expect(active.json()).toMatchObject({
      id: fix.id,
      script_template_id: template.id,
      status: 'proposed',
      applied_at: null,
    });
    const audit = await t.database.query<{ ai_session_id: string }>(
      `SELECT ai_session_id FROM audit_events WHERE action = 'script.generated'`,
    );
    expect(audit).toEqual([{ ai_session_id: session.id }]);

    // Generating without a fix records the session but links nothing and leaves the version alone.
    await generate(owner, {
      template_id: template.id,
      parameters: { message: 'again' },
      ai_session_id: session.id,
    });
    expect(await stateVersion(t, session.id)).toBe(before + 1);
  });

  it('counts one use per fix, not per Generate click', async () => {
    const template = await createTemplate(t, owner);
    const other = await createTemplate(t, owner, { name: 'Say goodbye', body: 'echo bye {{message}}' });
    const usage = async (id: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/script-templates/${id}`, headers: owner.headers })
      ).json().usage_count;
    const session = await openSession(t, owner, { text: 'Need to greet someone' });
    const fix = await proposeFix(t, owner, session.id, { title: 'Say hello', description: 'Greets' });
    const forFix = (templateId: string, fixId: string, message: string) =>
      generate(owner, {
        template_id: templateId,
        parameters: { message },
        ai_session_id: session.id,
        fix_id: fixId,
      });
    // Regenerating with tweaked values, switching templates and back: one use each.
    for (const message of ['hi', 'hello', 'hey']) {
      expect((await forFix(template.id, fix.id, message)).statusCode).toBe(201);
    }
    expect((await forFix(other.id, fix.id, 'bye')).statusCode).toBe(201);
    expect((await forFix(template.id, fix.id, 'hi again')).statusCode).toBe(201);
    expect(await usage(template.id)).toBe(1);
    expect(await usage(other.id)).toBe(1);
    // The next fix is a new use; so is a generation outside any fix.
    const next = await proposeFix(t, owner, session.id, { title: 'Say hello louder', description: 'Greets' });
    expect((await forFix(template.id, next.id, 'HI')).statusCode).toBe(201);
    expect(
      (await generate(owner, { template_id: template.id, parameters: { message: 'x' } })).statusCode,
    ).toBe(201);
    expect(await usage(template.id)).toBe(3);
  });

  it('counts built-in usage per account, never across accounts', async () => {
    const other = await signUpAccount(t.app, 'Other MSP');
    const id = builtinTemplateId('renew-dhcp-lease');
    const template = (
      await t.app.inject({ method: 'GET', url: `/api/v1/script-templates/${id}`, headers: owner.headers })
    ).json();
    const parameters = Object.fromEntries(
      template.parameters_schema
        .filter((p: { required: boolean; default?: unknown }) => p.required && p.default == null)
        .map((p: { name: string; type: string; options?: string[] }) => [
          p.name,
          p.options?.[0] ?? 'Ethernet',
        ]),
    );
    expect((await generate(owner, { template_id: id, parameters })).statusCode).toBe(201);
    expect((await generate(owner, { template_id: id, parameters })).statusCode).toBe(201);
    const usage = async (who: SignedUp) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/script-templates/${id}`, headers: who.headers })
      ).json().usage_count;
    expect(await usage(owner)).toBe(2);
    expect(await usage(other)).toBe(0);
  });

  it('refuses a superseded or finished fix with 409 and changes nothing', async () => {
    const template = await createTemplate(t, owner);
    const session = await openSession(t, owner, { text: 'Greeting problem' });
    const first = await proposeFix(t, owner, session.id, { title: 'First idea' });
    await proposeFix(t, owner, session.id, { title: 'Second idea' });
    const before = await snapshotDatabase(t);
    const superseded = await generate(owner, {
      template_id: template.id,
      parameters: { message: 'hi' },
      ai_session_id: session.id,
      fix_id: first.id,
    });
    expect(superseded.statusCode).toBe(409);
    expect(await snapshotDatabase(t)).toEqual(before);

    await setSessionStatus(t, session.id, 'resolved');
    const resolved = await generate(owner, {
      template_id: template.id,
      parameters: { message: 'hi' },
      ai_session_id: session.id,
    });
    expect(resolved.statusCode).toBe(409);
  });

  it('refuses a finished fix (terminal status) with 409', async () => {
    const template = await createTemplate(t, owner);
    const session = await openSession(t, owner, { text: 'Greeting problem' });
    const fix = await proposeFix(t, owner, session.id, { title: 'Idea' });
    await t.database.query(`UPDATE session_suggested_fixes SET status = 'applied_failed' WHERE id = $1`, [
      fix.id,
    ]);
    const response = await generate(owner, {
      template_id: template.id,
      parameters: { message: 'hi' },
      ai_session_id: session.id,
      fix_id: fix.id,
    });
    expect(response.statusCode).toBe(409);
  });

  it('answers 400 naming the fields for fix_id without ai_session_id, 422 for bad values, 404 for others’ sessions', async () => {
    const template = await createTemplate(t, owner);
    const session = await openSession(t, owner, { text: 'Greeting problem' });
    const fix = await proposeFix(t, owner, session.id, { title: 'Idea' });
    const before = await snapshotDatabase(t);

    const orphan = await generate(owner, {
      template_id: template.id,
      parameters: { message: 'hi' },
      fix_id: fix.id,
    });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.ai_session_id',
      'body.fix_id',
    ]);

    const invalid = await generate(owner, { template_id: template.id, parameters: {} });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors).toEqual([{ field: 'parameters.message', message: 'is required' }]);

    const colleague = await addUser(t.app, owner, 'engineer');
    const theirs = await generate(colleague, {
      template_id: template.id,
      parameters: { message: 'hi' },
      ai_session_id: session.id,
      fix_id: fix.id,
    });
    expect(theirs.statusCode).toBe(404);

    const intruder = await signUpAccount(t.app, 'Other MSP');
    expect(
      (await generate(intruder, { template_id: template.id, parameters: { message: 'hi' } })).statusCode,
    ).toBe(404);
    const snapshotAfter = await snapshotDatabase(t);
    // Only the two sign-ups happened (users, accounts, tokens, audit of user creation).
    expect(snapshotAfter.script_generations).toEqual(before.script_generations);
    expect(snapshotAfter.ai_sessions).toEqual(before.ai_sessions);
    expect(snapshotAfter.session_suggested_fixes).toEqual(before.session_suggested_fixes);
  });
});
