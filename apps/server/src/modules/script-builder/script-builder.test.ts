import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

const SESSIONS = '/api/v1/script-builder/sessions';

describe('script builder sessions', () => {
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

  const create = (payload: object, who: SignedUp = owner) =>
    t.app.inject({ method: 'POST', url: SESSIONS, headers: who.headers, payload });
  const list = (who: SignedUp = owner) =>
    t.app.inject({ method: 'GET', url: SESSIONS, headers: who.headers });
  const inlineRows = (userId: string) =>
    t.database.query<{ id: string }>(
      `SELECT id FROM script_builder_sessions WHERE user_id = $1 AND origin = 'pilot_inline'`,
      [userId],
    );

  it('starts a standalone PowerShell session by default, optionally from a script', async () => {
    const plain = await create({});
    expect(plain.statusCode).toBe(201);
    expect(plain.json()).toMatchObject({
      language: 'powershell',
      origin: 'standalone',
      ai_session_id: null,
      title: 'Untitled script',
      latest_script: null,
      latest_script_filename: null,
    });

    // "Build a reusable template" from the NoTemplate dialog hands its script over.
    const seeded = await create({
      language: 'bash',
      title: 'Clean up old logs',
      initial_script: 'find /var/log -mtime +14',
    });
    expect(seeded.statusCode).toBe(201);
    expect(seeded.json()).toMatchObject({
      language: 'bash',
      title: 'Clean up old logs',
      latest_script: 'find /var/log -mtime +14',
      latest_script_filename: 'clean-up-old-logs.sh',
    });
  });

  it('caps open standalone sessions at five and says how to free one', async () => {
    for (let i = 0; i < 5; i++) expect((await create({ title: `Script ${i}` })).statusCode).toBe(201);
    const sixth = await create({ title: 'One too many' });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.headers['content-type']).toContain('application/problem+json');
    expect(sixth.json().detail).toBe(
      'You have 5 open Script Builder sessions. Delete one in Script Builder to start another.',
    );
    const listed = (await list()).json();
    expect(listed).toMatchObject({ count: 5, cap: 5 });
    // Newest first.
    expect(listed.items.map((s: { title: string }) => s.title)).toEqual([
      'Script 4',
      'Script 3',
      'Script 2',
      'Script 1',
      'Script 0',
    ]);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${SESSIONS}/${listed.items[0].id}`,
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await create({ title: 'Room again' })).statusCode).toBe(201);

    // The cap is per engineer: a colleague starts fresh.
    const colleague = await addUser(t.app, owner, 'engineer');
    expect((await create({}, colleague)).statusCode).toBe(201);
  });

  it('keeps to the cap when creates race', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => create({ title: `Race ${i}` })));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(3);
  });

  it('get-or-creates the inline session of a pilot session (seed: test_inline_create_is_idempotent)', async () => {
    const pilot = await insertSession(t, owner, { title: 'Printer offline on floor 2' });
    const first = await create({ language: 'powershell', origin: 'pilot_inline', ai_session_id: pilot.id });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      origin: 'pilot_inline',
      ai_session_id: pilot.id,
      title: 'Script for: Printer offline on floor 2',
    });

    const second = await create({ language: 'bash', origin: 'pilot_inline', ai_session_id: pilot.id });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await inlineRows(owner.userId)).toHaveLength(1);

    // Readable by id, like any of the caller's sessions.
    const read = await t.app.inject({
      method: 'GET',
      url: `${SESSIONS}/${first.json().id}`,
      headers: owner.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().origin).toBe('pilot_inline');
  });

  it('hands every one of many concurrent inline creates the same single row', async () => {
    const pilot = await insertSession(t, owner);
    const responses = await Promise.all(
      Array.from({ length: 24 }, () => create({ origin: 'pilot_inline', ai_session_id: pilot.id })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(23);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await inlineRows(owner.userId)).toHaveLength(1);
  });

  it('refuses pilot_inline without ai_session_id, naming the field (seed: test_inline_requires_ai_session_id)', async () => {
    const response = await create({ language: 'powershell', origin: 'pilot_inline' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('ai_session_id');
    expect(response.json().errors).toEqual([
      { field: 'body.ai_session_id', message: 'is required when origin is pilot_inline' },
    ]);
    expect(await t.database.query('SELECT 1 FROM script_builder_sessions')).toEqual([]);
  });

  it("answers 404 for another engineer's or another account's pilot session (seed: test_inline_ai_session_must_belong_to_caller)", async () => {
    const colleague = await addUser(t.app, owner, 'engineer');
    const stranger = await signUpAccount(t.app, 'Other MSP');
    const colleaguePilot = await insertSession(t, colleague);
    const strangerPilot = await insertSession(t, stranger);
    for (const pilot of [colleaguePilot, strangerPilot]) {
      const response = await create({ origin: 'pilot_inline', ai_session_id: pilot.id });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      // A standalone session cannot point at it either.
      expect((await create({ ai_session_id: pilot.id })).statusCode).toBe(404);
    }
    expect(
      (await create({ origin: 'pilot_inline', ai_session_id: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
    expect(await t.database.query('SELECT 1 FROM script_builder_sessions')).toEqual([]);
  });

  it('lists and counts standalone sessions only (seed: test_list_sessions_excludes_inline, …do_not_count_against_cap)', async () => {
    for (let i = 0; i < 5; i++) {
      const pilot = await insertSession(t, owner);
      expect((await create({ origin: 'pilot_inline', ai_session_id: pilot.id })).statusCode).toBe(201);
    }
    expect((await create({ title: 'Standalone' })).statusCode).toBe(201);
    const listed = (await list()).json();
    expect(listed.count).toBe(1);
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ origin: 'standalone', title: 'Standalone' });

    for (let i = 0; i < 4; i++) expect((await create({})).statusCode).toBe(201);
    expect((await create({})).statusCode).toBe(409);
    // Inline sessions still open at the cap.
    const pilot = await insertSession(t, owner);
    expect((await create({ origin: 'pilot_inline', ai_session_id: pilot.id })).statusCode).toBe(201);
  });

  it('keeps sessions to their engineer: a colleague gets 404, a viewer cannot write', async () => {
    const mine = (await create({ initial_script: 'Get-Service' })).json();
    const colleague = await addUser(t.app, owner, 'engineer');
    for (const [method, url] of [
      ['GET', `${SESSIONS}/${mine.id}`],
      ['GET', `${SESSIONS}/${mine.id}/messages`],
      ['DELETE', `${SESSIONS}/${mine.id}`],
    ] as const) {
      expect((await t.app.inject({ method, url, headers: colleague.headers })).statusCode).toBe(404);
    }
    expect((await list(colleague)).json()).toMatchObject({ items: [], count: 0 });

    const viewer = await addUser(t.app, owner, 'viewer');
    expect((await create({}, viewer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: SESSIONS })).statusCode).toBe(401);
  });

  it('soft-deletes a standalone session and refuses to delete an inline one', async () => {
    const standalone = (await create({})).json();
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `${SESSIONS}/${standalone.id}`,
      headers: owner.headers,
    });
    expect(gone.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `${SESSIONS}/${standalone.id}`, headers: owner.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${SESSIONS}/${standalone.id}`, headers: owner.headers }))
        .statusCode,
    ).toBe(404);
    const [row] = await t.database.query<{ deleted_at: Date | null }>(
      'SELECT deleted_at FROM script_builder_sessions WHERE id = $1',
      [standalone.id],
    );
    expect(row!.deleted_at).not.toBeNull();

    const pilot = await insertSession(t, owner);
    const inline = (await create({ origin: 'pilot_inline', ai_session_id: pilot.id })).json();
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `${SESSIONS}/${inline.id}`,
      headers: owner.headers,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('saves "Write it myself" edits, deriving a file name and following a language switch', async () => {
    const session = (await create({ title: 'Restart the print spooler' })).json();
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${SESSIONS}/${session.id}`, headers: owner.headers, payload });

    const edited = await patch({ latest_script: 'Restart-Service Spooler -Force' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      latest_script: 'Restart-Service Spooler -Force',
      latest_script_filename: 'Restart-PrintSpooler.ps1',
    });
    expect((await patch({ language: 'bash' })).json()).toMatchObject({
      language: 'bash',
      latest_script_filename: 'Restart-PrintSpooler.sh',
    });
    expect(
      (await patch({ latest_script_filename: 'restart-spooler.sh', title: 'Spooler' })).json(),
    ).toMatchObject({
      latest_script_filename: 'restart-spooler.sh',
      title: 'Spooler',
    });

    const before = await t.database.query('SELECT * FROM script_builder_sessions WHERE id = $1', [
      session.id,
    ]);
    for (const bad of [
      { latest_script: 'x'.repeat(50_001) },
      { latest_script_filename: '../../etc/cron.d/evil' },
      { language: 'cmd' },
      { title: '' },
    ]) {
      const response = await patch(bad);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(
      await t.database.query('SELECT * FROM script_builder_sessions WHERE id = $1', [session.id]),
    ).toEqual(before);
    expect((await patch({ latest_script: 'x'.repeat(50_000) })).statusCode).toBe(200);
  });

  it('validates the create body: 422 for schema violations', async () => {
    for (const bad of [
      { language: 'cmd' },
      { origin: 'elsewhere' },
      { ai_session_id: 'not-a-uuid' },
      { initial_script: 'x'.repeat(50_001) },
    ]) {
      const response = await create(bad);
      expect(response.statusCode).toBe(422);
    }
    expect(await t.database.query('SELECT 1 FROM script_builder_sessions')).toEqual([]);
  });
});
