/**
 * The escalation queue across two real server processes on one PostgreSQL and one Redis: an
 * engineer following the queue on B sees an escalation posted on A, and its claim, live; ten
 * engineers claiming at once through both processes produce exactly one winner.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSse } from '../sse.ts';
import {
  createServerDatabase,
  requestJson,
  signUp,
  startServerProcess,
  type ServerProcess,
} from './server-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** Follows an endless SSE stream, collecting events until stopped. */
function follow(base: string, token: string) {
  const controller = new AbortController();
  const started = performance.now();
  const events: { event: string; data: unknown; atMs: number }[] = [];
  let ready!: () => void;
  const subscribed = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      const response = await fetch(`${base}/api/v1/escalations/stream`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of response.body!) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        const end = buffered.lastIndexOf('\n\n');
        if (end === -1) continue;
        for (const event of parseSse(buffered.slice(0, end + 2))) {
          if (event.event === 'ready') ready();
          else events.push({ ...event, atMs: performance.now() - started });
        }
        buffered = buffered.slice(end + 2);
      }
    } catch {
      // stopped
    }
  })();
  return { subscribed, events, stop: () => controller.abort() };
}

describe.skipIf(!databaseUrl || !redisUrl)('escalation queue over two processes', () => {
  let dropDatabase: () => Promise<void> = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let ownerToken: string;

  beforeAll(async () => {
    const database = await createServerDatabase(databaseUrl!, inject('templateDatabase'), 'escalations');
    dropDatabase = database.drop;
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, AUTH_RATE_LIMIT_PER_MINUTE: '1000' };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    ({ token: ownerToken } = await signUp(a.base, 'queue'));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropDatabase();
  });

  const engineer = async (label: string) => {
    const email = `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const created = await requestJson(a.base, 'POST', '/api/v1/users', {
      token: ownerToken,
      body: { email, name: label, password: 'correct horse battery', account_role: 'engineer' },
    });
    expect(created.status).toBe(201);
    const login = await requestJson(b.base, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    return { id: login.body.user.id as string, token: login.body.access_token as string };
  };

  const escalated = async (token: string, text: string) => {
    const created = await requestJson(a.base, 'POST', '/api/v1/ai-sessions', {
      token,
      body: { intake_content: { text } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Let the offline engine's first reply finish before escalating.
    await fetch(`${a.base}/api/v1/ai-sessions/${id}/stream`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.text());
    const posted = await requestJson(a.base, 'POST', `/api/v1/ai-sessions/${id}/escalation-package/post`, {
      token,
      body: {},
    });
    expect(posted.status).toBe(200);
    return { id, postedAt: performance.now() };
  };

  it('delivers escalation_created and escalation_claimed from A to a follower on B', async () => {
    const alice = await engineer('alice');
    const bob = await engineer('bob');
    const onB = follow(b.base, bob.token);
    await onB.subscribed;
    const { id } = await escalated(alice.token, 'Teams calls drop after two minutes on Wi-Fi');
    await expect.poll(() => onB.events.length, { timeout: 5_000 }).toBe(1);
    expect(onB.events[0]).toMatchObject({
      event: 'escalation_created',
      data: { item: { session_id: id, escalated_by: { id: alice.id }, claimed_by: null } },
    });
    const claimed = await requestJson(a.base, 'POST', `/api/v1/escalations/${id}/claim`, {
      token: bob.token,
    });
    expect(claimed.status).toBe(200);
    await expect.poll(() => onB.events.length, { timeout: 5_000 }).toBe(2);
    expect(onB.events[1]).toMatchObject({
      event: 'escalation_claimed',
      data: { session_id: id, claimed_by: { id: bob.id } },
    });
    onB.stop();
  });

  it('lets one of 10 claimants win, spread over both processes', async () => {
    const alice = await engineer('alice2');
    const claimants = await Promise.all(Array.from({ length: 10 }, (_, i) => engineer(`claimant${i}`)));
    for (let trial = 0; trial < 3; trial += 1) {
      const { id } = await escalated(alice.token, `Trial ${trial}: mapped drive gone after reboot`);
      const answers = await Promise.all(
        claimants.map((who, i) =>
          requestJson(i % 2 ? a.base : b.base, 'POST', `/api/v1/escalations/${id}/claim`, {
            token: who.token,
          }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      const winner = claimants[answers.findIndex((answer) => answer.status === 200)]!;
      const detail = await requestJson(b.base, 'GET', `/api/v1/ai-sessions/${id}`, { token: winner.token });
      expect(detail.body).toMatchObject({ status: 'active', assignee_id: winner.id, access: 'write' });
    }
  });
});
