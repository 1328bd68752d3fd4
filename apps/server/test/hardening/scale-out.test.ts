/**
 * Two real server processes on one PostgreSQL database and one Redis, as behind a load
 * balancer: a reply started on one is followed live on the other (relayed through Redis),
 * rate limits count across both, and a preview composed by one is a cache hit on the other.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '@flowpilot/assistant/testing/fake-openai-server';
import {
  createServerDatabase,
  readEventStreamTimed,
  requestJson,
  signUp,
  startServerProcess,
  type ServerProcess,
} from './server-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

const REPLY =
  'Let us look at the print spooler first. Open services.msc, find Print Spooler and check that it is running. ' +
  'Then look at C:\\Windows\\System32\\spool\\PRINTERS: a job that never leaves that folder blocks every job behind it. ' +
  'Tell me how many files are in there and how old the oldest one is.';

/** A client address of its own (any 127.x.y.z is loopback on Linux), so IP rate-limit keys are fresh per run. */
const randomLoopback = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

describe.skipIf(!databaseUrl || !redisUrl)('scale-out: two processes, one PostgreSQL, one Redis', () => {
  let fake: FakeOpenAiServer;
  let dropDatabase: () => Promise<void> = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  let sessionId: string;
  let replyId: string;

  beforeAll(async () => {
    // About 2.5 s of streaming: time enough to pick the reply up on the other process.
    fake = await startFakeOpenAiServer({ defaultReply: { text: REPLY, chunkSize: 8, chunkDelayMs: 50 } });
    const database = await createServerDatabase(databaseUrl!, inject('templateDatabase'), 'scaleout');
    dropDatabase = database.drop;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: fake.baseUrl,
      LLM_MODEL: 'fake-model',
      LLM_API_KEY: 'test-key',
      AUTH_RATE_LIMIT_PER_MINUTE: '4',
      AI_RATE_LIMIT_PER_MINUTE: '1000',
    };
    // Started together: both migrate the same database at once (the migrator's advisory lock).
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    ({ token } = await signUp(a.base, 'scale', randomLoopback()));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.close();
    await dropDatabase();
  });

  it('relays a reply started on A live through B, joined at the start or midway', async () => {
    const created = await requestJson(a.base, 'POST', '/api/v1/ai-sessions', {
      token,
      body: { intake_content: { text: 'Print jobs stuck in the queue on the finance floor' } },
    });
    expect(created.status).toBe(201);
    sessionId = created.body.id;
    replyId = created.body.streaming_message_id;
    expect(replyId).toBeTruthy();

    const follow = (server: ServerProcess) =>
      readEventStreamTimed(server.base, `/api/v1/ai-sessions/${sessionId}/stream`, token);
    const onA = follow(a);
    const fromStart = follow(b);
    // The second follower arrives ~0.7 s in: what went out before it is read from the database.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const midway = follow(b);
    const [reference, ...followers] = await Promise.all([onA, fromStart, midway]);

    const deltasOf = (events: { event: string; data: unknown }[]) =>
      events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(reference.status).toBe(200);
    const textOnA = deltasOf(reference.events).join('');
    expect(textOnA).toBe(REPLY);
    const doneOnA = reference.events.at(-1)!;
    expect(doneOnA.event).toBe('done');

    for (const { status, events } of followers) {
      expect(status).toBe(200);
      expect(events[0]).toMatchObject({ event: 'start', data: { assistant_message_id: replyId } });
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      expect(done.data).toEqual(doneOnA.data);
      expect((done.data as { assistant_message: { status: string } }).assistant_message.status).toBe(
        'complete',
      );
      // Nothing lost, nothing twice.
      const deltas = deltasOf(events);
      expect(deltas.join('')).toBe(textOnA);
      // Live: the model's 8-character chunks arrive one by one while A generates, not as the
      // ~60-character steps (one per 300 ms poll of a row written every 400 ms) of the fallback.
      const live = events.filter((e) => e.event === 'delta' && (e.data as { text: string }).text.length <= 8);
      expect(live.length).toBeGreaterThanOrEqual(10);
      expect(done.atMs - live[0]!.atMs).toBeGreaterThan(500);
    }
  });

  it('counts failed logins on A and B against one limit', async () => {
    const from = randomLoopback();
    const attempt = (server: ServerProcess) =>
      requestJson(server.base, 'POST', '/api/v1/auth/login', {
        // An email of its own too: attempts are also counted per target email, in the shared Redis.
        body: { email: `nobody-${from}@example.test`, password: 'wrong password here' },
        localAddress: from,
      });
    const statuses = [];
    for (const server of [a, a, a, b, b]) statuses.push((await attempt(server)).status);
    expect(statuses.slice(0, 4)).not.toContain(429);
    expect(statuses[4]).toBe(429);
  });

  it('serves a preview composed on A from the shared cache on B', async () => {
    expect(sessionId, 'needs the session of the first test').toBeTruthy();
    const url = `/api/v1/ai-sessions/${sessionId}/resolution-note/preview`;
    const first = await requestJson(a.base, 'POST', url, { token, body: {} });
    expect(first.status).toBe(200);
    expect(first.body.from_cache).toBe(false);
    const second = await requestJson(b.base, 'POST', url, { token, body: {} });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      from_cache: true,
      markdown: first.body.markdown,
      state_version: first.body.state_version,
    });
  });
});
