import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount, snapshotDatabase, type SignedUp } from '../../test/fixtures.ts';
import { insertFix, insertSession } from '../../test/pilot-fixtures.ts';
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

/** Base64url of a JSON value, as a forged cursor. */
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** `depth` nested arrays around a number: `[[[…1…]]]`. */
const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);

describe('forged cursors and deep JSON get a 4xx, never a 500', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: owner.headers });
  const id = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
  const forged = [
    // Year 0 passes a digits-only check and JavaScript's Date; PostgreSQL has no year 0.
    { t: '0000-01-01T00:00:00.000000Z', i: id },
    { t: '0000-12-31T23:59:59.999999Z', i: id },
    { t: '2026-02-30T00:00:00.000000Z', i: id },
    { t: '2026-13-01T00:00:00.000000Z', i: id },
    { t: '2026-01-01T24:00:00.000000Z', i: id },
    { t: '2026-06-30T23:59:60.000000Z', i: id },
    { t: '+275760-09-13T00:00:00.000Z', i: id },
    { t: '2026-01-01T00:00:00.000000Z', i: '------------------------------------' },
    { t: 20260101, i: id },
    [1, 2],
    null,
    'x',
  ];

  it('a forged keyset cursor on /ai-sessions and on /audit → 422 problem with a plain message', async () => {
    const session = await insertSession(t, owner);
    const urls = (cursor: string) => [
      `/api/v1/ai-sessions?cursor=${cursor}`,
      `/api/v1/ai-sessions/${session.id}/audit?cursor=${cursor}`,
    ];
    const cursors = [...forged.map(cursorOf), 'bm9wZQ', '%00', 'e30', cursorOf('\u0000')];
    for (const cursor of cursors) {
      for (const url of urls(cursor)) {
        const response = await get(url);
        expect(response.statusCode, `${url} → ${response.body}`).toBe(422);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().detail).toBe(
          'The cursor is not one this server handed out. Start from the first page.',
        );
      }
    }
    // A cursor the server handed out still works, and reads the same page as before.
    await insertSession(t, owner);
    const first = (await get('/api/v1/ai-sessions?limit=1')).json();
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await get(`/api/v1/ai-sessions?limit=1&cursor=${first.next_cursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().items).toHaveLength(1);
  });

  it('a forged template-library cursor → 4xx', async () => {
    for (const cursor of [cursorOf(['\u0000', '------------------------------------']), cursorOf(['a', 1])]) {
      const response = await get(`/api/v1/script-templates?cursor=${cursor}`);
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, response.body).toBeLessThan(500);
    }
  });

  it('JSON nested 5,000 deep in ai_drafted_parameters / parameters_used → 422 in plain words, nothing stored', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, { id: session.id, accountId: owner.accountId });
    const base = `/api/v1/ai-sessions/${session.id}/suggested-fixes/${fix.id}`;
    const before = await snapshotDatabase(t);
    const attempts = [
      {
        method: 'PATCH' as const,
        url: `${base}/script`,
        payload: `{"ai_drafted_script":"Write-Host 1","ai_drafted_parameters":{"x":${nested(5000)}}}`,
      },
      {
        method: 'POST' as const,
        url: `${base}/decision`,
        payload: `{"decision":"one_off","parameters_used":{"x":${nested(5000)}}}`,
      },
      {
        method: 'POST' as const,
        url: `${base}/decision`,
        payload: `{"decision":"one_off","parameters_used":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      },
    ];
    for (const attempt of attempts) {
      const response = await t.app.inject({
        ...attempt,
        headers: { ...owner.headers, 'content-type': 'application/json' },
      });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toBe(
        'The request body is nested too deeply (more than 64 levels of objects and arrays).',
      );
    }
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('counts only real nesting: brackets inside strings do not count, 64 levels are fine', async () => {
    const session = await insertSession(t, owner);
    const fix = await insertFix(t, { id: session.id, accountId: owner.accountId });
    const url = `/api/v1/ai-sessions/${session.id}/suggested-fixes/${fix.id}/script`;
    const patch = (parameters: string) =>
      t.app.inject({
        method: 'PATCH',
        url,
        headers: { ...owner.headers, 'content-type': 'application/json' },
        // The body object and "x" take two levels.
        payload: `{"ai_drafted_script":"Write-Host 1","ai_drafted_parameters":{"x":${parameters}}}`,
      });
    const inString = JSON.stringify('[{\\"'.repeat(2000));
    expect((await patch(inString)).statusCode).toBe(200);
    expect((await patch(nested(62))).statusCode).toBe(200);
    expect((await patch(nested(63))).statusCode).toBe(422);
  });
});

describe('action POSTs take no body at all, like {}', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  /** The three ways a client says "nothing to add": no body, an empty JSON body, and `{}`. */
  const variants = [
    { name: 'no body, no content type', headers: {}, payload: undefined },
    { name: 'JSON content type, empty body', headers: { 'content-type': 'application/json' }, payload: '' },
    { name: '{}', headers: { 'content-type': 'application/json' }, payload: '{}' },
  ];

  const post = (url: string, variant: (typeof variants)[number]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...owner.headers, ...variant.headers },
      ...(variant.payload === undefined ? {} : { payload: variant.payload }),
    });

  for (const variant of variants) {
    it(`${variant.name}: previews, resolve, escalate, apply, draft accept/reject succeed`, async () => {
      const session = await insertSession(t, owner);
      const sessionUrl = `/api/v1/ai-sessions/${session.id}`;
      for (const url of [
        `${sessionUrl}/resolution-note/preview`,
        `${sessionUrl}/escalation-package/preview`,
      ]) {
        const response = await post(url, variant);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
        expect(response.json().markdown).toEqual(expect.any(String));
      }

      const fix = await insertFix(t, { id: session.id, accountId: owner.accountId });
      const applied = await post(`${sessionUrl}/suggested-fixes/${fix.id}/apply`, variant);
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json().fix.applied_at).toEqual(expect.any(String));

      const drafts: string[] = [];
      for (const title of [`Map the drive (${variant.name})`, `Clear the queue (${variant.name})`]) {
        // One active fix per session: each draft comes from a session of its own.
        const draftSession = await insertSession(t, owner);
        const draftFix = await insertFix(t, { id: draftSession.id, accountId: owner.accountId }, { title });
        const decided = await t.app.inject({
          method: 'POST',
          url: `/api/v1/ai-sessions/${draftSession.id}/suggested-fixes/${draftFix.id}/decision`,
          headers: owner.headers,
          payload: { decision: 'draft_template', template_name: title },
        });
        expect(decided.statusCode, decided.body).toBe(200);
        drafts.push(decided.json().draft_template_id);
      }
      const accepted = await post(`/api/v1/draft-templates/${drafts[0]}/accept`, variant);
      expect(accepted.statusCode, accepted.body).toBe(200);
      const rejected = await post(`/api/v1/draft-templates/${drafts[1]}/reject`, variant);
      expect(rejected.statusCode, rejected.body).toBe(200);

      const resolved = await post(`${sessionUrl}/resolution-note/post`, variant);
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json().outcome).toBe('resolved_local');

      const other = await insertSession(t, owner);
      const escalated = await post(`/api/v1/ai-sessions/${other.id}/escalation-package/post`, variant);
      expect(escalated.statusCode, escalated.body).toBe(200);
      expect(escalated.json().outcome).toBe('escalated_local');
    });
  }

  it('a route that needs a body says so in plain words when it gets an empty one', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: { ...owner.headers, 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
