import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  const signup = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });

  it('signs up an owner of a new account and returns a working bearer token', async () => {
    const response = await signup({
      email: 'Ada@Example.test',
      password: 'correct horse battery',
      name: 'Ada',
      account_name: 'Ada IT',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.token_type).toBe('bearer');
    expect(body.user).toMatchObject({ email: 'ada@example.test', account_role: 'owner', is_active: true });
    expect(JSON.stringify(body)).not.toMatch(/password_hash|correct horse/);
    expect(response.headers['set-cookie']).toMatch(/fp_session=.*HttpOnly.*SameSite=Lax/i);

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.name).toBe('Ada IT');
  });

  it('refuses a second signup with the same email (any case) with 409 and creates nothing', async () => {
    await signUpAccount(t.app);
    const first = await signup({
      email: 'dup@example.test',
      password: 'correct horse battery',
      name: 'A',
      account_name: 'A',
    });
    expect(first.statusCode).toBe(201);
    const before = await t.database.query('SELECT count(*)::int AS n FROM accounts');
    const again = await signup({
      email: 'DUP@example.test',
      password: 'correct horse battery',
      name: 'B',
      account_name: 'B',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, code: 'conflict' });
    expect(await t.database.query('SELECT count(*)::int AS n FROM accounts')).toEqual(before);
  });

  it('rejects short passwords with a field error', async () => {
    const response = await signup({
      email: 'x@example.test',
      password: 'short',
      name: 'X',
      account_name: 'X',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.password' })]);
  });

  it.each([
    ['ten spaces', ' '.repeat(10), /only spaces or invisible characters/],
    ['ten zero-width spaces', '\u200B'.repeat(10), /only spaces or invisible characters/],
    ['padded short', '   abc1234   ', /at least 10 characters/],
    ['1234567890', '1234567890', /one of the most common passwords/],
    ['password12', 'password12', /one of the most common passwords/],
    ['qwertyuiop', 'qwertyuiop', /one of the most common passwords/],
    ['their own email', 'ada.lovelace@example.test', /easy to guess/],
  ])(
    'refuses a weak password (%s) at sign-up, saying why, and creates nothing',
    async (_name, password, why) => {
      const response = await signup({
        email: 'ada.lovelace@example.test',
        password,
        name: 'Ada Lovelace',
        account_name: 'Analytical Engines',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([
        { field: 'body.password', message: expect.stringMatching(why) },
      ]);
      expect(await t.database.query('SELECT count(*)::int AS n FROM accounts')).toEqual([{ n: 0 }]);
    },
  );

  it('accepts a good passphrase', async () => {
    const response = await signup({
      email: 'grace@example.test',
      password: 'violet kettle harbour 51',
      name: 'Grace',
      account_name: 'Compilers Inc',
    });
    expect(response.statusCode).toBe(201);
  });

  it('an owner creating a user gets the same check', async () => {
    const owner = await signUpAccount(t.app);
    const create = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: owner.headers,
        payload: { email: 'new@example.test', name: 'New Person', password, account_role: 'engineer' },
      });
    const weak = await create('password12');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors).toEqual([
      { field: 'body.password', message: expect.stringMatching(/one of the most common passwords/) },
    ]);
    expect((await create('violet kettle harbour 51')).statusCode).toBe(201);
  });

  it('logs in with the right password only, with the same answer for unknown emails', async () => {
    const owner = await signUpAccount(t.app);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: 'correct horse battery' },
    });
    expect(ok.statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: owner.email, password: 'wrong password!!' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'wrong password!!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('revokes the token at logout', async () => {
    const owner = await signUpAccount(t.app);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: owner.headers });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: owner.headers });
    expect(me.statusCode).toBe(401);
    expect(me.headers['content-type']).toContain('application/problem+json');
  });

  it('revokes every token of a deactivated user', async () => {
    const owner = await signUpAccount(t.app);
    const engineer = await addUser(t.app, owner, 'engineer');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${engineer.userId}`,
      headers: owner.headers,
      payload: { is_active: false },
    });
    expect(off.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: engineer.headers });
    expect(me.statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: engineer.email, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('accepts the session cookie for reads, and for writes only with the CSRF header', async () => {
    const response = await signup({
      email: 'c@example.test',
      password: 'correct horse battery',
      name: 'C',
      account_name: 'C',
    });
    const cookie = `fp_session=${response.json().access_token}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    const real = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-flowpilot-csrf': '1' },
    });
    expect(real.statusCode).toBe(204);
  });

  it('answers 401 problem details without a token and for a garbage token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(none.statusCode).toBe(401);
    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer nope' },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });
});

describe('auth configuration', () => {
  it('turns signup off by configuration', async () => {
    const t = await createTestApp({ config: { signupEnabled: false } });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: 'a@example.test', password: 'correct horse battery', name: 'A', account_name: 'A' },
      });
      expect(response.statusCode).toBe(403);
      expect(await t.database.query('SELECT * FROM accounts')).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('rate-limits login attempts with 429 and Retry-After', async () => {
    const t = await createTestApp({ config: { authRateLimitPerMinute: 3 } });
    try {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'who@example.test', password: 'guess guess guess' },
        });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt()).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await attempt();
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
