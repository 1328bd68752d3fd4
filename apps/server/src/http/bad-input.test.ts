import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount, snapshotDatabase, type SignedUp } from '../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

describe('bad input gets problem details and changes nothing', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  const send = (method: Method, url: string, payload?: string, contentType = 'application/json') =>
    t.app.inject({
      method,
      url,
      headers: { ...owner.headers, ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });

  function expectProblem(response: Awaited<ReturnType<typeof send>>, status: number) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      code: expect.any(String),
    });
    expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT |INSERT |stack/i);
    return body;
  }

  it('malformed JSON → 400', async () => {
    expectProblem(await send('POST', '/api/v1/users', '{"email": '), 400);
  });

  it('wrong types and arrays for objects → 422 with a field list', async () => {
    const body = expectProblem(
      await send('POST', '/api/v1/users', JSON.stringify({ email: 5, name: [], password: {} })),
      422,
    );
    expect([...new Set(body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
    ]);
    expectProblem(await send('POST', '/api/v1/users', JSON.stringify([1, 2])), 422);
  });

  it('a 2 MB string → 413', async () => {
    const huge = JSON.stringify({
      email: 'a@b.test',
      name: 'x'.repeat(2 * 1024 * 1024),
      password: 'correct horse battery',
    });
    expectProblem(await send('POST', '/api/v1/users', huge), 413);
  });

  it('bad UUIDs in the path → 422', async () => {
    const body = expectProblem(
      await send('PATCH', '/api/v1/users/not-a-uuid', JSON.stringify({ name: 'x' })),
      422,
    );
    expect(body.errors[0].field).toBe('params.id');
  });

  it('a body that is not JSON → 415', async () => {
    expectProblem(await send('POST', '/api/v1/users', 'email=a', 'application/x-www-form-urlencoded'), 415);
  });

  it('an unknown API route → 404 problem', async () => {
    expectProblem(await send('GET', '/api/v1/nope'), 404);
  });

  it('never answers 5xx and never changes anything on a 4xx (fuzzed)', async () => {
    const routes: [Method, string][] = [
      ['POST', '/api/v1/auth/signup'],
      ['POST', '/api/v1/auth/login'],
      ['POST', '/api/v1/users'],
      ['PATCH', `/api/v1/users/${owner.userId}`],
    ];
    const hostileString = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "'; DROP TABLE users; --",
        '<script>alert(1)</script>',
        '\u0000',
        '{{x}}',
        '💥'.repeat(50),
      ),
    );
    const value = fc.oneof(
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
    );
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom('email', 'password', 'name', 'account_name', 'account_role', 'is_active', 'x'),
        value,
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url], payload) => {
        const before = await snapshotDatabase(t);
        const response = await send(method, url, JSON.stringify(payload) ?? 'null');
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(await snapshotDatabase(t)).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
