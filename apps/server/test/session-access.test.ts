/**
 * The access rule (core/session-access, ADR 015) through every session route: for each route
 * with a session id in its path, who gets what before escalation, while the escalation waits,
 * and after someone claimed it. Reads are GETs and the closing previews; everything else is a
 * write. Each refused call must change nothing. Tenant isolation proper (another account) is
 * isolation.test.ts; it is checked here too, at each stage.
 */
/// <reference types="vite/client" />
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, signUpAccount, snapshotDatabase, type SignedUp } from './fixtures.ts';
import type { IsolationCase } from './isolation.ts';
import { createTestApp, type TestApp } from './test-app.ts';

const SESSION_ROUTE = '/api/v1/ai-sessions/{';
// Every module's isolation cases, so a new session route is in the matrix as soon as it has one.
const modules = import.meta.glob<Record<string, unknown>>('../src/modules/*/*.isolation.ts', { eager: true });
const cases = Object.values(modules)
  .flatMap((exports) => Object.values(exports))
  .filter((value): value is IsolationCase[] => Array.isArray(value))
  .flat()
  .filter((c) => typeof c?.route === 'string' && c.route.startsWith(SESSION_ROUTE));

const isRead = (c: IsolationCase) => c.method === 'GET' || c.route.endsWith('/preview');

describe('session access: opener, assignee, colleagues, viewers, other accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('checks every session route', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths)
      .filter(([route]) => route.startsWith(SESSION_ROUTE))
      .flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`));
    const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (_name, route) => {
    const opener = await signUpAccount(t.app, 'Owner MSP');
    const intruder = await signUpAccount(t.app, 'Other MSP');
    const [colleague, claimant, viewer] = [
      await addUser(t.app, opener, 'engineer'),
      await addUser(t.app, opener, 'engineer'),
      await addUser(t.app, opener, 'viewer'),
    ];
    const world = { app: t.app, owner: opener, intruder };
    const { url, body } = await route.prepare(world);
    const sessionId = /\/ai-sessions\/([0-9a-f-]{36})/.exec(url)![1]!;
    const [opened] = await t.database.query<{ user_id: string }>(
      'SELECT user_id FROM ai_sessions WHERE id = $1',
      [sessionId],
    );
    // A case aimed at the caller's own session with someone else's ids in the body (attachments)
    // is about those ids, and isolation.test.ts checks it.
    if (opened?.user_id !== opener.userId) return;

    const call = async (who: SignedUp) => {
      const response = await t.app.inject({
        method: route.method,
        url,
        headers: who.headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      await t.ctx.generations.drain(10_000);
      return response.statusCode;
    };
    /** The call is refused with `status` and the database is exactly as before. */
    const refused = async (who: SignedUp, status: number, stage: string) => {
      const before = await snapshotDatabase(t);
      expect(await call(who), `${stage}: ${who.email}`).toBe(status);
      expect(await snapshotDatabase(t)).toEqual(before);
    };

    // Viewers may not write at all (403, the role check comes first and names nothing); to them
    // every session but their own is missing.
    const viewerStatus = isRead(route) ? 404 : 403;

    // Private while active: only the opener sees it.
    for (const who of [colleague, intruder]) await refused(who, 404, 'active');
    await refused(viewer, viewerStatus, 'active');

    const escalate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ai-sessions/${sessionId}/escalation-package/post`,
      headers: opener.headers,
      payload: { intercept_choice: 'never_applied' },
    });
    // A route whose preparation closed the session already (the PSA delivery's) is private for
    // good: the stages after escalation do not apply to it.
    if (escalate.statusCode === 409) return;
    if (escalate.statusCode !== 200) throw new Error(`escalate failed: ${escalate.body}`);

    // Waiting in the queue: engineers and owners of the account read it, nobody but the opener writes.
    const openerRead = isRead(route) ? await call(opener) : null;
    for (const who of [colleague, claimant]) {
      if (isRead(route)) expect(await call(who), 'escalated read').toBe(openerRead);
      else await refused(who, 403, 'escalated');
    }
    await refused(intruder, 404, 'escalated');
    await refused(viewer, viewerStatus, 'escalated');

    const claim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/escalations/${sessionId}/claim`,
      headers: claimant.headers,
    });
    expect(claim.statusCode).toBe(200);

    // Handed over: the assignee works it; the opener and colleagues keep reading.
    if (isRead(route)) {
      const assigneeRead = await call(claimant);
      expect(assigneeRead).toBeLessThan(500);
      for (const who of [opener, colleague]) expect(await call(who), 'claimed read').toBe(assigneeRead);
    } else {
      for (const who of [opener, colleague]) await refused(who, 403, 'claimed');
    }
    await refused(intruder, 404, 'claimed');
    await refused(viewer, viewerStatus, 'claimed');
    // Last, as it may close the session: the assignee gets past the access rule.
    if (!isRead(route)) expect([403, 404]).not.toContain(await call(claimant));
  });
});
