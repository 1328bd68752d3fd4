import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

describe('users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('lists only the users of the caller’s account', async () => {
    const owner = await signUpAccount(t.app);
    await addUser(t.app, owner, 'engineer');
    await signUpAccount(t.app, 'Someone else');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: owner.headers });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toHaveLength(2);
    expect(new Set(items.map((u: { account_id: string }) => u.account_id))).toEqual(
      new Set([owner.accountId]),
    );
  });

  it('lets only owners add users (engineer and viewer get 403, nothing created)', async () => {
    const owner = await signUpAccount(t.app);
    const engineer = await addUser(t.app, owner, 'engineer');
    const viewer = await addUser(t.app, owner, 'viewer');
    for (const caller of [engineer, viewer]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: caller.headers,
        payload: { email: 'new@example.test', name: 'New', password: 'correct horse battery' },
      });
      expect(response.statusCode).toBe(403);
    }
    expect(await t.database.query(`SELECT * FROM users WHERE email = 'new@example.test'`)).toEqual([]);
  });

  it('records user changes in the audit trail', async () => {
    const owner = await signUpAccount(t.app);
    const engineer = await addUser(t.app, owner, 'engineer');
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${engineer.userId}`,
      headers: owner.headers,
      payload: { account_role: 'viewer' },
    });
    expect(response.json().account_role).toBe('viewer');
    const events = await t.database.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_events WHERE subject_id = $1 ORDER BY created_at`,
      [engineer.userId],
    );
    expect(events.map((e) => e.action)).toEqual(['user.created', 'user.updated']);
    expect(events[1]).toMatchObject({
      before: { account_role: 'engineer' },
      after: { account_role: 'viewer' },
    });
  });

  it('never leaves an account without an active owner', async () => {
    const owner = await signUpAccount(t.app);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      headers: owner.headers,
      payload: { account_role: 'engineer' },
    });
    expect(response.statusCode).toBe(409);
    const deactivate = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      headers: owner.headers,
      payload: { is_active: false },
    });
    expect(deactivate.statusCode).toBe(409);
  });

  it('refuses an empty patch with 422 and an unknown id with 404', async () => {
    const owner = await signUpAccount(t.app);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      headers: owner.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(422);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/00000000-0000-4000-8000-000000000000',
      headers: owner.headers,
      payload: { name: 'X' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
