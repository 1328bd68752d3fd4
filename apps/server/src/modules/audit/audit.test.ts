import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertFix, insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

describe('GET /ai-sessions/{sid}/audit', () => {
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

  const url = (sid: string, query = '') => `/api/v1/ai-sessions/${sid}/audit${query}`;
  const send = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, who = owner) =>
    t.app.inject({ method, url: path, headers: who.headers, ...(payload ? { payload } : {}) });

  it("lists the session's events oldest first with actor, subject and before/after", async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, session);
    const base = `/api/v1/ai-sessions/${session.id}`;
    const fact = (await send('POST', `${base}/facts`, { text: 'Only on Wi-Fi' })).json();
    expect((await send('POST', `${base}/suggested-fixes/${fix.id}/apply`, {})).statusCode).toBe(200);
    expect((await send('POST', `${base}/resolution-note/post`, {})).statusCode).toBe(200);
    // Another session's trail stays out.
    const other = await insertSession(t, owner);
    await send('POST', `/api/v1/ai-sessions/${other.id}/facts`, { text: 'elsewhere' });

    const response = await send('GET', url(session.id));
    expect(response.statusCode).toBe(200);
    const { items, next_cursor } = response.json();
    expect(next_cursor).toBeNull();
    expect(items.map((e: { action: string }) => e.action)).toEqual([
      'fact.added',
      'fix.applied',
      'fix.outcome.applied_success',
      'session.resolved',
    ]);
    const actor = { id: owner.userId, name: expect.any(String) };
    expect(items[0]).toMatchObject({
      subject_type: 'session_fact',
      subject_id: fact.id,
      actor,
      before: null,
      after: { kind: 'engineer_note', text: 'Only on Wi-Fi' },
    });
    expect(items[2]).toMatchObject({
      subject_type: 'suggested_fix',
      subject_id: fix.id,
      before: { status: 'proposed' },
      after: { status: 'applied_success', recorded_by: 'resolve' },
    });
    expect(items[3]).toMatchObject({
      subject_type: 'ai_session',
      subject_id: session.id,
      actor,
      before: { status: 'active', state_version: 2 },
      after: { status: 'resolved', state_version: 3, edited: false },
    });
    const times = items.map((e: { created_at: string }) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const session = await insertSession(t, owner);
    for (const text of ['one', 'two', 'three']) {
      await send('POST', `/api/v1/ai-sessions/${session.id}/facts`, { text });
    }
    const first = (await send('GET', url(session.id, '?limit=2'))).json();
    expect(first.items.map((e: { after: { text: string } }) => e.after.text)).toEqual(['one', 'two']);
    const second = (await send('GET', url(session.id, `?limit=2&cursor=${first.next_cursor}`))).json();
    expect(second.items.map((e: { after: { text: string } }) => e.after.text)).toEqual(['three']);
    expect(second.next_cursor).toBeNull();
    expect((await send('GET', url(session.id, '?cursor=bm9wZQ'))).statusCode).toBe(422);
    expect((await send('GET', url(session.id, '?limit=0'))).statusCode).toBe(422);
    expect((await send('GET', url('nope'))).statusCode).toBe(422);
  });

  it("is readable by the session's owner only (viewers included), 404 for anyone else", async () => {
    const viewer = await addUser(t.app, owner, 'viewer');
    const mine = await insertSession(t, viewer);
    expect((await send('GET', url(mine.id), undefined, viewer)).statusCode).toBe(200);
    const theirs = await insertSession(t, owner);
    expect((await send('GET', url(theirs.id), undefined, viewer)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: url(theirs.id) })).statusCode).toBe(401);
  });
});
