import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { openSession, setSessionStatus, stateVersion } from '../../../test/session-helpers.ts';

describe('facts ("What we know")', () => {
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

  const facts = (sid = sessionId) => `/api/v1/ai-sessions/${sid}/facts`;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who = owner) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const addNote = async (text: string) => {
    const response = await send('POST', facts(), { text });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; text: string; kind: string };
  };

  /** Facts derived from task-lane items are written by the assistant's turns, never by this API. */
  async function insertDerivedFact(kind: 'question' | 'diagnostic_check' | 'ai_promoted') {
    const [row] = await t.database.query<{ id: string }>(
      `INSERT INTO session_facts (account_id, ai_session_id, kind, text, source_item_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [owner.accountId, sessionId, kind, `A ${kind} fact`, kind === 'ai_promoted' ? null : `${kind}-1`],
    );
    return row!.id;
  }

  it('adds, lists (oldest first), edits and removes notes, bumping state_version once per write', async () => {
    expect(await stateVersion(t, sessionId)).toBe(0);
    const first = await addNote('  Started after the password change  ');
    expect(first).toMatchObject({
      kind: 'engineer_note',
      text: 'Started after the password change',
      source_item_id: null,
    });
    expect(await stateVersion(t, sessionId)).toBe(1);
    const second = await addNote('Happens on Wi-Fi and cable');
    expect(await stateVersion(t, sessionId)).toBe(2);

    const listed = await send('GET', facts());
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((f: { id: string }) => f.id)).toEqual([first.id, second.id]);
    await send('GET', `/api/v1/ai-sessions/${sessionId}`);
    expect(await stateVersion(t, sessionId)).toBe(2);

    const edited = await send('PATCH', `${facts()}/${first.id}`, {
      text: 'Started right after the password change',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: first.id, text: 'Started right after the password change' });
    expect(await stateVersion(t, sessionId)).toBe(3);

    const removed = await send('DELETE', `${facts()}/${second.id}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect(await stateVersion(t, sessionId)).toBe(4);
    expect((await send('GET', facts())).json().items.map((f: { id: string }) => f.id)).toEqual([first.id]);
    const [kept] = await t.database.query<{ deleted_at: Date | null }>(
      'SELECT deleted_at FROM session_facts WHERE id = $1',
      [second.id],
    );
    expect(kept!.deleted_at).not.toBeNull();

    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE ai_session_id = $1 AND action LIKE 'fact.%' ORDER BY created_at, action`,
      [sessionId],
    );
    expect(events.map((e) => e.action).sort()).toEqual([
      'fact.added',
      'fact.added',
      'fact.removed',
      'fact.updated',
    ]);
  });

  it('answers 404 for a removed or unknown fact, changing nothing', async () => {
    const note = await addNote('Temporary');
    await send('DELETE', `${facts()}/${note.id}`);
    const before = await snapshotDatabase(t);
    expect((await send('DELETE', `${facts()}/${note.id}`)).statusCode).toBe(404);
    expect((await send('PATCH', `${facts()}/${note.id}`, { text: 'again' })).statusCode).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await send('PATCH', `${facts()}/${unknown}`, { text: 'x' })).statusCode).toBe(404);
    // A fact of another session of the same engineer is not reachable through this one.
    const otherSession = (await openSession(t, owner, { text: 'Another problem' })).id;
    const snapshotAfterOpen = await snapshotDatabase(t);
    expect((await send('PATCH', `${facts(otherSession)}/${note.id}`, { text: 'x' })).statusCode).toBe(404);
    expect(await snapshotDatabase(t)).toEqual(snapshotAfterOpen);
    expect(before.session_facts).toEqual(snapshotAfterOpen.session_facts);
  });

  it('refuses direct edits of facts derived from questions and diagnostic checks (403)', async () => {
    for (const kind of ['question', 'diagnostic_check'] as const) {
      const id = await insertDerivedFact(kind);
      const before = await snapshotDatabase(t);
      const patched = await send('PATCH', `${facts()}/${id}`, { text: 'Rewritten' });
      expect(patched.statusCode).toBe(403);
      expect(patched.json().detail).toMatch(/edit the task-lane item instead/);
      expect((await send('DELETE', `${facts()}/${id}`)).statusCode).toBe(403);
      expect(await snapshotDatabase(t)).toEqual(before);
    }
    const promoted = await insertDerivedFact('ai_promoted');
    expect(
      (await send('PATCH', `${facts()}/${promoted}`, { text: 'Corrected by the engineer' })).statusCode,
    ).toBe(200);
    const listed = (await send('GET', facts())).json().items;
    expect(listed.map((f: { kind: string }) => f.kind)).toEqual([
      'question',
      'diagnostic_check',
      'ai_promoted',
    ]);
  });

  it('refuses writes to a resolved or escalated session (409) but still reads it', async () => {
    const note = await addNote('Before resolving');
    for (const status of ['resolved', 'escalated']) {
      await setSessionStatus(t, sessionId, status);
      const before = await snapshotDatabase(t);
      expect((await send('POST', facts(), { text: 'Too late' })).statusCode).toBe(409);
      expect((await send('PATCH', `${facts()}/${note.id}`, { text: 'Too late' })).statusCode).toBe(409);
      expect((await send('DELETE', `${facts()}/${note.id}`)).statusCode).toBe(409);
      expect(await snapshotDatabase(t)).toEqual(before);
      expect((await send('GET', facts())).json().items).toHaveLength(1);
    }
  });

  it('refuses viewers (403), hides the session from other engineers (404) and rejects empty text (422)', async () => {
    const note = await addNote('Mine');
    const viewer = await addUser(t.app, owner, 'viewer');
    const colleague = await addUser(t.app, owner, 'engineer');
    const before = await snapshotDatabase(t);
    expect((await send('POST', facts(), { text: 'x' }, viewer)).statusCode).toBe(403);
    expect((await send('PATCH', `${facts()}/${note.id}`, { text: 'x' }, viewer)).statusCode).toBe(403);
    expect((await send('DELETE', `${facts()}/${note.id}`, undefined, viewer)).statusCode).toBe(403);
    expect((await send('GET', facts(), undefined, colleague)).statusCode).toBe(404);
    expect((await send('POST', facts(), { text: 'x' }, colleague)).statusCode).toBe(404);
    expect((await send('DELETE', `${facts()}/${note.id}`, undefined, colleague)).statusCode).toBe(404);
    for (const payload of [{ text: '   ' }, { text: 'x'.repeat(5001) }, {}, { text: '\u0000' }]) {
      expect((await send('POST', facts(), payload)).statusCode).toBe(422);
    }
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('counts every one of 20 concurrent notes exactly once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send('POST', facts(), { text: `Parallel note ${i}` })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(await stateVersion(t, sessionId)).toBe(20);
    expect((await send('GET', facts())).json().items).toHaveLength(20);
  });
});
