import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '@flowpilot/assistant/testing/fake-openai-server';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/http/request-auth.ts';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../test-app.ts';
import { fingerprintQuery } from './database-state.ts';
import { listRoutes } from './openapi-fuzz.ts';

const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(body).toMatchObject({ status, title: expect.any(String), code: expect.any(String) });
  return body as { code: string; detail: string };
}

describe('login brute force', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { authRateLimitPerMinute: 4 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once the configured number of attempts is spent, even to the right password', async () => {
    const owner = await signUpAccount(t.app);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(`wrong guess ${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401]);

    const limited = await attempt('correct horse battery');
    const problem = expectProblem(limited, 429);
    expect(problem.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).not.toContain('access_token');
    // The limiter is per route: the rest of the API still answers this client.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: owner.headers });
    expect(me.statusCode).toBe(200);
  });
});

describe('sessions, tokens, CSRF and headers', () => {
  let t: TestApp;
  let owner: SignedUp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><title>FlowPilot</title><div id="root"></div>',
    );
    writeFileSync(path.join(webDist, 'assets', 'app-1234abcd.js'), 'console.log("app")');
    // Served over HTTPS (as in production), so HSTS is among the headers checked.
    t = await createTestApp({ config: { webDist, aiRateLimitPerMinute: 3, cookieSecure: true } });
    owner = await signUpAccount(t.app);
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const login = async (email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(200);
    return {
      token: response.json().access_token as string,
      setCookie: String(response.headers['set-cookie']),
    };
  };
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

  it('sets the session cookie HttpOnly, SameSite=Lax and scoped to the API', async () => {
    const { setCookie } = await login(owner.email);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=fp_`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/api/);
  });

  it('revokes the token at logout for the cookie too, and only that token', async () => {
    const first = await login(owner.email);
    const second = await login(owner.email);
    const cookie = { cookie: `${SESSION_COOKIE}=${first.token}` };
    expect((await me(cookie)).statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...cookie, [CSRF_HEADER]: '1' },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      new RegExp(`${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`, 'i'),
    );

    expectProblem(await me(cookie), 401);
    expectProblem(await me({ authorization: `Bearer ${first.token}` }), 401);
    // A replayed cookie cannot write either.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: { ...cookie, [CSRF_HEADER]: '1' },
      payload: { intake_content: { text: 'replayed' } },
    });
    expectProblem(replay, 401);
    // Another device's session is untouched.
    expect((await me({ authorization: `Bearer ${second.token}` })).statusCode).toBe(200);
  });

  it('revokes every token of a deactivated user, cookie included, and reactivation does not revive them', async () => {
    const engineer = await addUser(t.app, owner, 'engineer');
    const cookie = { cookie: `${SESSION_COOKIE}=${engineer.token}` };
    expect((await me(cookie)).statusCode).toBe(200);
    const patch = (is_active: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${engineer.userId}`,
        headers: owner.headers,
        payload: { is_active },
      });
    expect((await patch(false)).statusCode).toBe(200);
    expectProblem(await me(cookie), 401);
    expectProblem(await me(engineer.headers), 401);

    expect((await patch(true)).statusCode).toBe(200);
    expectProblem(await me(engineer.headers), 401);
    expectProblem(await me(cookie), 401);
    const fresh = await login(engineer.email);
    expect((await me({ authorization: `Bearer ${fresh.token}` })).statusCode).toBe(200);
  });

  it('refuses an expired token', async () => {
    const { token } = await login(owner.email);
    const hash = createHash('sha256').update(token).digest('base64url');
    const expired = await t.database.query(
      `UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1 RETURNING id`,
      [hash],
    );
    expect(expired).toHaveLength(1);
    expectProblem(await me({ authorization: `Bearer ${token}` }), 401);
  });

  it('refuses every mutating route called with the session cookie but without the CSRF header (403, no change)', async () => {
    const routes = listRoutes(t.app.swagger() as Parameters<typeof listRoutes>[0]).filter((r) =>
      MUTATING.has(r.method),
    );
    expect(routes.length).toBeGreaterThan(25);
    const { token } = await login(owner.email);
    const fingerprint = await fingerprintQuery(t.database);
    const before = await fingerprint();
    const refused: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/\{\w+\}/g, () => randomUUID());
      for (const extra of [
        {},
        { [CSRF_HEADER]: '0' },
        { [CSRF_HEADER]: '' },
        { origin: 'https://evil.example' },
      ]) {
        const response = await t.app.inject({
          method: route.method,
          url,
          headers: { cookie: `${SESSION_COOKIE}=${token}`, 'content-type': 'application/json', ...extra },
          payload: route.body ? '{}' : undefined,
        });
        const problem = expectProblem(response, 403);
        expect(problem.detail).toContain(CSRF_HEADER);
      }
      refused.push(`${route.method} ${route.path}`);
    }
    expect(refused).toContain('POST /api/v1/auth/logout');
    expect(refused).toContain('DELETE /api/v1/script-templates/{id}');
    expect(await fingerprint()).toEqual(before);
    // The token still works: the refusals did not log anyone out.
    expect((await me({ cookie: `${SESSION_COOKIE}=${token}` })).statusCode).toBe(200);
  });

  it('rate-limits the assistant routes per user', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'Printer offline' } },
    });
    const id = created.json().id as string;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      await t.ctx.generations.drain(5_000);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${id}/messages`,
        headers: owner.headers,
        payload: { content: `attempt ${i}` },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  function expectSecurityHeaders(response: LightMyRequestResponse, label: string) {
    const headers = response.headers;
    const csp = String(headers['content-security-policy'] ?? '');
    expect(csp, `${label}: CSP`).not.toBe('');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    ) as Record<string, string[] | undefined>;
    expect(csp, label).not.toContain('unsafe-eval');
    expect(directives['frame-ancestors'], label).toEqual(["'none'"]);
    expect(directives['object-src'], label).toEqual(["'none'"]);
    expect(directives['script-src'] ?? directives['default-src'], label).not.toContain("'unsafe-inline'");
    expect(headers['x-content-type-options'], label).toBe('nosniff');
    expect(headers['referrer-policy'], label).toMatch(/no-referrer|strict-origin/);
    // HSTS only over HTTPS (transport-security.test.ts checks plain HTTP gets none).
    expect(String(headers['strict-transport-security']), label).toMatch(/max-age=(\d{8,}|[2-9]\d{6,})/);
    expect(headers['x-frame-options'], label).toMatch(/^(DENY|SAMEORIGIN)$/);
  }

  it('sends the security headers on API answers, problems, streams, the SPA and its assets', async () => {
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'VPN drops' } },
    });
    await t.ctx.generations.drain(5_000);
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers });
    const cases: [string, LightMyRequestResponse, number, RegExp][] = [
      ['health', await get('/api/v1/health'), 200, /application\/json/],
      ['authenticated JSON', await get('/api/v1/auth/me', owner.headers), 200, /application\/json/],
      ['401 problem', await get('/api/v1/auth/me'), 401, /problem\+json/],
      ['unknown API route', await get('/api/v1/nope'), 404, /problem\+json/],
      [
        'over-long path id',
        await get(`/api/v1/ai-sessions/${'x'.repeat(300)}`, owner.headers),
        400,
        /problem\+json/,
      ],
      [
        'bad %-escape in the path',
        await get('/api/v1/ai-sessions/%E0%A4%A', owner.headers),
        400,
        /problem\+json/,
      ],
      [
        'SSE stream',
        await get(`/api/v1/ai-sessions/${session.json().id as string}/stream`, {
          ...owner.headers,
          accept: 'text/event-stream',
        }),
        200,
        /text\/event-stream/,
      ],
      ['OpenAPI document', await get('/api/openapi.json'), 200, /application\/json/],
      ['SPA index', await get('/'), 200, /text\/html/],
      ['SPA deep link', await get('/sessions/123?tab=facts'), 200, /text\/html/],
      ['static asset', await get('/assets/app-1234abcd.js'), 200, /javascript/],
      ['missing asset', await get('/assets/missing.js'), 404, /./],
    ];
    for (const [label, response, status, type] of cases) {
      expect(response.statusCode, label).toBe(status);
      expect(String(response.headers['content-type']), label).toMatch(type);
      expectSecurityHeaders(response, label);
    }
    const asset = cases.find(([label]) => label === 'static asset')![1];
    expect(asset.headers['cache-control']).toContain('immutable');
    const index = cases.find(([label]) => label === 'SPA deep link')![1];
    expect(index.body).toContain('<div id="root">');
    expect(index.headers['cache-control']).toBe('no-cache');
  });
});

describe('secrets stay out of logs, answers and the database', () => {
  const API_KEY = `sk-test-${randomUUID()}`;
  const PASSWORD = `pw-signup-${randomUUID()}`;
  const USER_PASSWORD = `pw-user-${randomUUID()}`;
  const WRONG_PASSWORD = `pw-wrong-${randomUUID()}`;
  const REJECTED_PASSWORD = `pw-rejected-${randomUUID()}`;
  const SECRET_VALUE = `s3cr3t-${randomUUID()}`;
  const SQL_HINT = 'SELECT secret FROM vault';

  let fake: FakeOpenAiServer;
  let t: TestApp;
  const logLines: string[] = [];
  /** Every answer the test got, and where the secrets in it are allowed to be. */
  const answers: { label: string; response: LightMyRequestResponse; allowed: string[] }[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ defaultReply: { text: 'What error do you see?' } });
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    const llm = {
      provider: 'openai-compatible' as const,
      model: 'fake',
      baseUrl: fake.baseUrl,
      apiKey: API_KEY,
      timeoutMs: 3000,
      maxRetries: 1,
    };
    t = await createTestApp({
      config: { llm },
      model: createChatModel({ ...llm, idleTimeoutMs: 800 }, { retryBaseDelayMs: 10 }),
      log: pino({ level: 'trace' }, stream),
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  async function call(label: string, options: InjectOptions, allowed: string[] = []) {
    const response = await t.app.inject(options);
    await t.ctx.generations.drain(10_000);
    answers.push({ label, response, allowed });
    return response;
  }

  it('exercises passwords, tokens, a secret template parameter and the LLM key', async () => {
    const email = `secret-owner-${randomUUID()}@example.test`;
    const signup = await call(
      'signup',
      {
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: PASSWORD, name: 'Owner', account_name: 'Secret MSP' },
      },
      ['token'],
    );
    expect(signup.statusCode).toBe(201);
    const token = signup.json().access_token as string;
    tokens.push(token);
    const bearer = { authorization: `Bearer ${token}` };

    const rejected = await call('signup with a bad email', {
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'not an email', password: REJECTED_PASSWORD, name: 'X', account_name: 'X' },
    });
    expect(rejected.statusCode).toBeGreaterThanOrEqual(400);
    expect(
      (
        await call('login with a wrong password', {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: WRONG_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    const login = await call(
      'login',
      { method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } },
      ['token'],
    );
    tokens.push(login.json().access_token as string);
    const cookie = { cookie: `${SESSION_COOKIE}=${tokens[1]!}` };

    const created = await call('create user', {
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer,
      payload: {
        email: `eng-${randomUUID()}@example.test`,
        name: 'Eng',
        password: USER_PASSWORD,
        account_role: 'engineer',
      },
    });
    expect(created.statusCode).toBe(201);
    await call('me by cookie', { method: 'GET', url: '/api/v1/auth/me', headers: cookie });
    await call('users', { method: 'GET', url: '/api/v1/users', headers: bearer });

    const template = await call('create template', {
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: bearer,
      payload: {
        name: 'Set the API key',
        language: 'powershell',
        body: 'Set-Secret -Name Api -Value {{api_key}} -Host {{host}}',
        parameters_schema: [
          { name: 'api_key', label: 'API key', type: 'secret', required: true },
          { name: 'host', label: 'Host', type: 'string', required: true },
        ],
      },
    });
    expect(template.statusCode).toBe(201);
    const templateId = template.json().id as string;

    const session = await call('open session', {
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: bearer,
      payload: { intake_content: { text: 'The integration lost its API key' } },
    });
    const sessionId = session.json().id as string;
    const fix = await call('propose fix', {
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/suggested-fixes`,
      headers: bearer,
      payload: { title: 'Reset the API key', script_template_id: templateId },
    });
    expect(fix.statusCode).toBe(201);

    const parameters = { api_key: SECRET_VALUE, host: 'app01' };
    const render = await call(
      'render preview',
      {
        method: 'POST',
        url: `/api/v1/script-templates/${templateId}/render`,
        headers: bearer,
        payload: { parameters },
      },
      ['secret'],
    );
    expect(render.statusCode).toBe(200);
    expect(render.json().script).toContain(SECRET_VALUE);
    expect(render.json().redacted_script).not.toContain(SECRET_VALUE);
    const generated = await call(
      'generate',
      {
        method: 'POST',
        url: '/api/v1/scripts/generate',
        headers: bearer,
        payload: {
          template_id: templateId,
          parameters,
          ai_session_id: sessionId,
          fix_id: fix.json().id as string,
        },
      },
      ['secret'],
    );
    expect(generated.statusCode).toBe(201);
    expect(generated.json().script).toContain(SECRET_VALUE);
    const invalid = await call('generate with a bad parameter', {
      method: 'POST',
      url: '/api/v1/scripts/generate',
      headers: bearer,
      payload: {
        template_id: templateId,
        parameters: { api_key: SECRET_VALUE, host: ['not', 'a', 'string'] },
      },
    });
    expect(invalid.statusCode).toBe(422);

    // The model provider gets the key (that is its purpose), fails once, then answers.
    fake.enqueue({ status: 500 }, { status: 500 });
    const failedTurn = await call('message (provider fails)', {
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/messages`,
      headers: bearer,
      payload: { content: 'It fails with 401' },
    });
    expect(failedTurn.json().assistant_message.status).toBe('failed');
    await call('message', {
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/messages`,
      headers: { ...bearer, accept: 'text/event-stream' },
      payload: { content: 'Still broken' },
    });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    for (const url of [
      `/api/v1/ai-sessions/${sessionId}`,
      `/api/v1/ai-sessions/${sessionId}/messages`,
      `/api/v1/ai-sessions/${sessionId}/audit`,
      `/api/v1/ai-sessions/${sessionId}/suggested-fixes`,
      `/api/v1/script-templates/${templateId}`,
      '/api/v1/health',
      '/api/openapi.json',
    ]) {
      await call(`GET ${url}`, { method: 'GET', url, headers: bearer });
    }
    const health = answers.at(-2)!.response.json();
    expect(health.llm).toMatchObject({ backend: 'openai-compatible', model: 'fake' });

    // An unexpected failure: logged with its request id, answered without any of its details.
    const cache = t.ctx.previewCache;
    const original = cache.get.bind(cache);
    cache.get = async () => {
      throw new Error(`${SQL_HINT} failed`);
    };
    try {
      const crashed = await call('500', {
        method: 'POST',
        url: `/api/v1/ai-sessions/${sessionId}/resolution-note/preview`,
        headers: bearer,
        payload: {},
      });
      const problem = expectProblem(crashed, 500);
      expect(crashed.body).not.toMatch(/SELECT|vault|\.ts:\d+|\n\s+at /);
      const requestId = crashed.json().request_id as string;
      expect(logLines.some((line) => line.includes(requestId) && line.includes('"level":50'))).toBe(true);
      expect(problem.code).toBe('internal');
    } finally {
      cache.get = original;
    }

    await call('logout', { method: 'POST', url: '/api/v1/auth/logout', headers: bearer });
  });

  it('never logs a password, a token, a secret parameter or the API key', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const log = logLines.join('');
    const secrets = {
      PASSWORD,
      USER_PASSWORD,
      WRONG_PASSWORD,
      REJECTED_PASSWORD,
      SECRET_VALUE,
      ...Object.fromEntries(tokens.map((token, i) => [`token ${i}`, token])),
    };
    for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), name).toBe(false);
    expect(log.includes(API_KEY), 'API key').toBe(false);
    expect(log).not.toMatch(/authorization"?:\s*"?Bearer/i);
  });

  it('returns a secret only in the one answer that is meant to carry it', () => {
    for (const { label, response, allowed } of answers) {
      const text = `${JSON.stringify(response.headers)}\n${response.body}`;
      for (const password of [PASSWORD, USER_PASSWORD, WRONG_PASSWORD, REJECTED_PASSWORD])
        expect(text.includes(password), `${label} shows a password`).toBe(false);
      expect(text.includes(API_KEY), `${label} shows the API key`).toBe(false);
      if (!allowed.includes('secret'))
        expect(text.includes(SECRET_VALUE), `${label} shows the secret`).toBe(false);
      if (!allowed.includes('token')) {
        for (const token of tokens) expect(text.includes(token), `${label} shows a token`).toBe(false);
      }
    }
  });

  it('stores no password, token, secret parameter or API key anywhere, audit and generations included', async () => {
    const snapshot = await snapshotDatabase(t);
    expect(snapshot['audit_events']!.length).toBeGreaterThan(0);
    expect(snapshot['script_generations']!.length).toBe(1);
    const text = JSON.stringify(snapshot);
    for (const secret of [
      PASSWORD,
      USER_PASSWORD,
      WRONG_PASSWORD,
      REJECTED_PASSWORD,
      SECRET_VALUE,
      API_KEY,
      ...tokens,
    ])
      expect(text.includes(secret)).toBe(false);
    expect(JSON.stringify(snapshot['script_generations'])).toContain('••••');
  });
});
