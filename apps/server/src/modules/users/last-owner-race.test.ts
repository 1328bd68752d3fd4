import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

/**
 * Two owners demote or deactivate each other at the same moment. Each request alone is
 * allowed (the other owner remains), so only a last-owner check that holds under concurrency
 * keeps the account with an owner. PGlite runs one transaction at a time; the test means
 * something on PostgreSQL (TEST_DATABASE_URL), where the requests overlap on a pool.
 */
describe('last active owner under concurrent requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patch = (caller: SignedUp, target: SignedUp, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target.userId}`,
      headers: caller.headers,
      payload,
    });

  const activeOwners = async (accountId: string) =>
    (
      await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE account_id = $1 AND account_role = 'owner' AND is_active`,
        [accountId],
      )
    )[0]!.n;

  it('never leaves an account without an active owner (12 trials)', async () => {
    const changes = [{ account_role: 'engineer' }, { is_active: false }, { account_role: 'viewer' }] as const;
    let ownerless = 0;
    let bothSucceeded = 0;
    const refusals: { status: number; detail: string }[] = [];
    for (let trial = 0; trial < 12; trial++) {
      const first = await signUpAccount(t.app);
      const second = await addUser(t.app, first, 'owner');
      const change = changes[trial % changes.length]!;
      // Mixed too: one demotes while the other deactivates.
      const other = changes[(trial + 1) % changes.length]!;
      const [a, b] = await Promise.all([patch(first, second, change), patch(second, first, other)]);
      if ((await activeOwners(first.accountId)) === 0) ownerless++;
      if (a.statusCode === 200 && b.statusCode === 200) bothSucceeded++;
      for (const r of [a, b])
        if (r.statusCode !== 200) refusals.push({ status: r.statusCode, detail: r.json().detail });
    }
    expect({ ownerless, bothSucceeded }).toEqual({ ownerless: 0, bothSucceeded: 0 });
    // The one refused each time gets a plain 403/409, never a 5xx.
    expect(refusals).toHaveLength(12);
    for (const refusal of refusals) {
      expect([403, 409]).toContain(refusal.status);
      expect(refusal.detail).toMatch(/owner/i);
    }
  });

  it('refuses the last owner demoting themselves, and still allows demoting one of two', async () => {
    const first = await signUpAccount(t.app);
    const alone = await patch(first, first, { account_role: 'engineer' });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().detail).toBe(
      'An account needs at least one active owner. Promote someone else first.',
    );
    const second = await addUser(t.app, first, 'owner');
    expect((await patch(first, second, { is_active: false })).statusCode).toBe(200);
    expect(await activeOwners(first.accountId)).toBe(1);
  });
});
