import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/request-auth.ts';
import { createTestApp } from '../test-app.ts';
import { captureWorld, fingerprintQuery } from './database-state.ts';
import {
  buildWorld,
  newWorldTags,
  taggedModel,
  WORLD_PASSWORD,
  type Account,
  type World,
} from './fuzz-world.ts';
import {
  bodyArbitrary,
  expandBody,
  idArbitrary,
  listRoutes,
  queryArbitrary,
  type BodyPlan,
  type RouteSpec,
  type ValueContext,
} from './openapi-fuzz.ts';

/**
 * Every operation in the OpenAPI document, fuzzed from its own schema against a world of
 * two accounts with real data, by every kind of caller. The rules (SPEC §3, §6):
 * never a 5xx; every 4xx is problem details; a 4xx changes nothing; no account ever gets a
 * 2xx on the other's ids or sees anything of the other's.
 */

/** 25 keeps the file well under a minute on PGlite; `FUZZ_RUNS=500` digs deeper locally. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);
const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const PUBLIC_ROUTES = new Set(['GET /api/v1/health', 'POST /api/v1/auth/signup', 'POST /api/v1/auth/login']);
const TOKEN_ROUTES = new Set(['POST /api/v1/auth/signup', 'POST /api/v1/auth/login']);

type CallerName =
  | 'A.owner'
  | 'A.engineer'
  | 'A.viewer'
  | 'B.owner'
  | 'anonymous'
  | 'bad-auth'
  | 'cookie-no-csrf'
  | 'cookie-csrf';

const callers = fc.oneof(
  { weight: 4, arbitrary: fc.constant<CallerName>('A.owner') },
  { weight: 3, arbitrary: fc.constant<CallerName>('A.engineer') },
  { weight: 2, arbitrary: fc.constant<CallerName>('A.viewer') },
  { weight: 4, arbitrary: fc.constant<CallerName>('B.owner') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CallerName>('anonymous', 'bad-auth', 'cookie-no-csrf', 'cookie-csrf'),
  },
);

const tags = newWorldTags();
const t = await createTestApp({ model: taggedModel([tags.A, tags.B]) });
/**
 * A follow-forever event stream never completes under inject; its auth and account scope are
 * tested over a real socket in escalations.test.ts.
 */
const ENDLESS_STREAMS = new Set(['GET /api/v1/escalations/stream']);
const routes = listRoutes(t.app.swagger() as Parameters<typeof listRoutes>[0]).filter(
  (route) => !ENDLESS_STREAMS.has(`${route.method} ${route.path}`),
);

interface FuzzRequest {
  caller: CallerName;
  variant: number;
  params: Record<string, string>;
  query: string;
  body: BodyPlan;
}

function headersFor(world: World, request: FuzzRequest): Record<string, string> {
  const token = (account: Account, role: 'owner' | 'engineer' | 'viewer') => account[role]!.token;
  const ownerA = token(world.A, 'owner');
  switch (request.caller) {
    case 'A.owner':
      return { authorization: `Bearer ${ownerA}` };
    case 'A.engineer':
      return { authorization: `Bearer ${token(world.A, 'engineer')}` };
    case 'A.viewer':
      return { authorization: `Bearer ${token(world.A, 'viewer')}` };
    case 'B.owner':
      return { authorization: `Bearer ${token(world.B, 'owner')}` };
    case 'anonymous':
      return [{}, { cookie: `${SESSION_COOKIE}=fp_stale` }, { cookie: 'other=1' }][request.variant % 3]!;
    case 'bad-auth':
      return {
        authorization: [
          'Bearer',
          'Bearer ',
          'Bearer fp_not-a-real-token',
          `Basic ${Buffer.from('a:b').toString('base64')}`,
          ownerA,
          `Bearer ${ownerA} extra`,
          `Token ${ownerA}`,
          `Bearer ${ownerA.slice(0, -2)}`,
        ][request.variant % 8]!,
      };
    case 'cookie-no-csrf':
      return [
        { cookie: `${SESSION_COOKIE}=${ownerA}` },
        { cookie: `${SESSION_COOKIE}=${ownerA}`, 'x-flowpilot-csrf': '0' },
        { cookie: `${SESSION_COOKIE}=${ownerA}`, 'x-flowpilot-csrf': 'true' },
      ][request.variant % 3]!;
    case 'cookie-csrf':
      return { cookie: `${SESSION_COOKIE}=${ownerA}`, 'x-flowpilot-csrf': '1' };
  }
}

const worldOf = (caller: CallerName): 'A' | 'B' | null =>
  caller === 'B.owner' ? 'B' : caller.startsWith('A.') || caller.startsWith('cookie') ? 'A' : null;

function urlFor(route: RouteSpec, request: FuzzRequest) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.params[name]!),
  );
  return `${path}${request.query}`;
}

function payloadOf(body: BodyPlan): { text: string | undefined; contentType: string | undefined } {
  if (body.kind === 'none') return { text: undefined, contentType: undefined };
  if (body.kind === 'json') return { text: JSON.stringify(body.value), contentType: body.contentType };
  return { text: expandBody(body.text), contentType: body.contentType };
}

function userOf(world: World, caller: CallerName) {
  if (caller === 'B.owner') return world.B.owner;
  if (caller === 'A.engineer') return world.A.engineer!;
  if (caller === 'A.viewer') return world.A.viewer!;
  return world.A.owner;
}

/**
 * Path ids: often a coherent set that belongs to the caller (a session of theirs and a fix of
 * that session), so success paths run too; otherwise ids from anywhere, random or malformed.
 */
function paramsArbitrary(world: World, route: RouteSpec, caller: CallerName, context: ValueContext) {
  if (route.pathParams.length === 0) return fc.constant<Record<string, string>>({});
  const independent = fc.record(
    Object.fromEntries(route.pathParams.map((p) => [p.name, idArbitrary(p.kind, context)])),
  ) as fc.Arbitrary<Record<string, string>>;
  const account = world[worldOf(caller) ?? 'A'];
  const user = userOf(world, caller);
  const coherent = fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, j, anyone]) => {
    const own = account.sessions.filter((s) => s.userId === user.userId);
    const sessions = own.length > 0 && !anyone ? own : account.sessions;
    const session = sessions[i % sessions.length]!;
    const params: Record<string, string> = {};
    for (const param of route.pathParams) {
      const pool =
        param.kind === 'session'
          ? [session.id]
          : param.kind === 'fact' || param.kind === 'fix' || param.kind === 'message'
            ? session.children[param.kind]
            : param.kind === 'builder'
              ? (account.buildersByUser[user.userId] ?? account.ids.byKind.builder)
              : account.ids.byKind[param.kind];
      // The newest child (the active fix, the latest reply) half of the time.
      params[param.name] = pool.length ? pool[j % 2 === 0 ? 0 : j % pool.length]! : randomUUID();
    }
    return params;
  });
  return fc.oneof({ weight: 3, arbitrary: coherent }, { weight: 2, arbitrary: independent });
}

/** What is wrong with one answer; an empty list when it follows every rule. */
function violations(
  world: World,
  route: RouteSpec,
  request: FuzzRequest,
  sent: string,
  response: LightMyRequestResponse,
): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const key = `${route.method} ${route.path}`;
  if (status >= 500) problems.push(`answered ${status}`);
  if (status >= 400) {
    if (!String(response.headers['content-type']).includes('application/problem+json')) {
      problems.push(`${status} is not problem+json (${String(response.headers['content-type'])})`);
    } else {
      const problem = response.json() as Record<string, unknown>;
      if (problem.status !== status || typeof problem.title !== 'string' || typeof problem.code !== 'string')
        problems.push(`malformed problem details: ${response.body.slice(0, 300)}`);
      if (
        /\n\s+at |\.ts:\d+|node_modules|violates .* constraint|syntax error at|duplicate key/i.test(
          response.body,
        )
      )
        problems.push(`problem details leak internals: ${response.body.slice(0, 300)}`);
    }
  }
  const ok = status >= 200 && status < 300;
  if (request.caller === 'bad-auth' && ok) problems.push('a malformed or invalid credential got a 2xx');
  if (request.caller === 'anonymous' && ok && !PUBLIC_ROUTES.has(key)) problems.push('anonymous got a 2xx');
  if (request.caller === 'cookie-no-csrf' && ok && MUTATING.has(route.method))
    problems.push('a cookie-authenticated write without the CSRF header got a 2xx');

  // Logging in with someone's credentials is not a cross-account read, whatever token came along.
  const mine = TOKEN_ROUTES.has(key) ? null : worldOf(request.caller);
  if (mine) {
    const other = world[mine === 'A' ? 'B' : 'A'];
    if (ok && other.ids.all.some((id) => sent.includes(id)))
      problems.push(`${mine} got a 2xx on a request naming ${mine === 'A' ? 'B' : 'A'}'s ids`);
    const leaked = [...other.ids.all, ...other.secrets].filter(
      (s) => response.body.includes(s) && !sent.includes(s),
    );
    if (leaked.length) problems.push(`response shows the other account's data: ${leaked.join(', ')}`);
  }
  if (!TOKEN_ROUTES.has(key)) {
    const tokens = [world.A.owner, world.A.engineer, world.A.viewer, world.B.owner].map((p) => p!.token);
    if (tokens.some((token) => response.body.includes(token) && !sent.includes(token)))
      problems.push('a bearer token appears in the response');
  }
  return problems;
}

describe('every route, fuzzed from its OpenAPI schema', () => {
  let world: World;
  let restoreWorld: (tables?: string[]) => Promise<void>;
  let fingerprint: () => Promise<Record<string, string>>;
  const tally = new Map<string, Record<string, number>>();

  beforeAll(async () => {
    world = await buildWorld(t, tags);
    restoreWorld = await captureWorld(t.database);
    fingerprint = await fingerprintQuery(t.database);
  });
  afterAll(async () => {
    if (process.env.FUZZ_STATS) console.table(Object.fromEntries(tally));
    await t.close();
  });

  it('finds every operation of the API, with a world that has data of every kind', () => {
    expect(routes.length).toBeGreaterThanOrEqual(50);
    for (const [name, pool] of Object.entries(world.pools).filter(([name]) => name !== 'builtinTemplates')) {
      const { byKind } = pool as World['pools']['A'];
      for (const kind of [
        'user',
        'session',
        'fact',
        'fix',
        'message',
        'template',
        'draft',
        'builder',
      ] as const)
        expect(byKind[kind].length, `${name} has a ${kind}`).toBeGreaterThan(0);
    }
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s',
    async (key, route) => {
      await restoreWorld();
      const context: ValueContext = {
        ids: world.pools,
        hints: {
          email: [
            world.A.owner.email,
            world.B.owner.email,
            world.A.engineer!.email,
            'new@example.test',
            'a@b',
          ],
          password: [WORLD_PASSWORD, 'wrong password here'],
          parameter_names: ['message', 'api_key'],
          name: [`${world.A.tag}`],
        },
        examples: {
          parameters: [{ message: 'hello', api_key: 'k-123' }],
          parameters_used: [{ message: 'hello', api_key: 'k-123' }],
        },
      };
      const requests = callers.chain((caller) =>
        fc.record<FuzzRequest>({
          caller: fc.constant(caller),
          variant: fc.nat(100),
          params: paramsArbitrary(world, route, caller, context),
          query: queryArbitrary(route.query, context),
          body:
            route.method === 'GET' || route.method === 'DELETE'
              ? fc.constant({ kind: 'none' })
              : bodyArbitrary(route.body, context),
        }),
      );
      const counts: Record<string, number> = {};
      tally.set(key, counts);

      const details = await fc.check(
        fc.asyncProperty(requests, async (request) => {
          const url = urlFor(route, request);
          const { text, contentType } = payloadOf(request.body);
          const mutating = MUTATING.has(route.method);
          const before = mutating ? await fingerprint() : null;
          const response = await t.app.inject({
            method: route.method,
            url,
            headers: {
              ...headersFor(world, request),
              ...(contentType ? { 'content-type': contentType } : {}),
            },
            ...(text === undefined ? {} : { payload: text }),
          });
          await t.ctx.generations.drain(10_000);
          const bucket = `${Math.floor(response.statusCode / 100)}xx`;
          counts[bucket] = (counts[bucket] ?? 0) + 1;

          if (process.env.FUZZ_DEBUG && key.includes(process.env.FUZZ_DEBUG))
            console.log(
              request.caller,
              response.statusCode,
              response.body.slice(0, 200),
              (text ?? '').slice(0, 200),
            );
          const sent = `${url}\n${text ?? ''}`;
          const problems = violations(world, route, request, sent, response);
          const after = before ? await fingerprint() : null;
          const changed = after ? Object.keys(after).filter((table) => after[table] !== before![table]) : [];
          if (response.statusCode >= 400 && changed.length)
            problems.push(`a ${response.statusCode} changed ${changed.join(', ')}`);
          if (problems.length) {
            throw new Error(
              `${route.method} ${url} as ${request.caller} → ${response.statusCode}\n  ${problems.join('\n  ')}\n  body sent: ${(text ?? '').slice(0, 300)}\n  answer: ${response.body.slice(0, 500)}`,
            );
          }
          // A legitimate change (a closed session, a revoked token) would starve later runs.
          if (changed.length) await restoreWorld(changed);
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      // Our own message: fast-check's would print every megabyte of the counterexample.
      if (details.failed) {
        const cause =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        throw new Error(
          `${cause.slice(0, 2500)}\n(seed ${details.seed}, path "${details.counterexamplePath}")`,
        );
      }
    },
    RUNS_PER_ROUTE * 2_000,
  );
});
