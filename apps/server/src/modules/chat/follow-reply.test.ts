/**
 * Following a reply that another process generates: process A is the test app (its hub
 * publishes through a relay), process B is a second context on the same database with a hub
 * of its own, so it has nothing live and follows through the relay (or the row).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError, type ChatChunk, type ChatModel } from '@flowpilot/assistant/chat-model';
import type { TStreamEvent } from '@flowpilot/contracts/messages';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { followReply, streamedProse } from './follow-reply.ts';
import { GenerationHub } from './generation-hub.ts';
import { RedisGenerationRelay, type GenerationRelay, type RelayedEvent } from './generation-relay.ts';

/** A model the test feeds chunk by chunk. */
class Feed {
  private chunks: (string | Error)[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  push(...chunks: (string | Error)[]) {
    this.chunks.push(...chunks);
    this.wake?.();
  }
  end() {
    this.ended = true;
    this.wake?.();
  }
  async *stream(): AsyncIterable<ChatChunk> {
    for (;;) {
      const next = this.chunks.shift();
      if (next instanceof Error) throw next;
      if (next !== undefined) yield { type: 'text', text: next };
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Pub/sub inside this process, delivered asynchronously and in order like a network hop. */
function memoryBus() {
  const channels = new Map<string, Set<(relayed: RelayedEvent) => void>>();
  return (): GenerationRelay => ({
    publish(sessionId, relayed) {
      const copy = JSON.parse(JSON.stringify(relayed)) as RelayedEvent;
      const listeners = [...(channels.get(sessionId) ?? [])];
      setImmediate(() => listeners.forEach((listener) => listener(copy)));
    },
    async subscribe(sessionId, onEvent) {
      const listeners = channels.get(sessionId) ?? new Set();
      channels.set(sessionId, listeners.add(onEvent));
      return () => listeners.delete(onEvent);
    },
    connected: true,
    close: async () => {},
  });
}

/** A relay that loses the events `drop` picks (a Redis connection that blipped). */
const lossy = (relay: GenerationRelay, drop: (relayed: RelayedEvent) => boolean): GenerationRelay => ({
  publish: (sessionId, relayed) => {
    if (!drop(relayed)) relay.publish(sessionId, relayed);
  },
  subscribe: (sessionId, onEvent) => relay.subscribe(sessionId, onEvent),
  get connected() {
    return relay.connected;
  },
  close: () => relay.close(),
});

const fixMarker =
  '[SUGGEST_FIX]{"title":"Clear the queue","description":"Restart the spooler","confidence_pct":80}[/SUGGEST_FIX]';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
};

interface Follower {
  events: TStreamEvent[];
  deltas: string[];
  text: () => string;
  kinds: () => string[];
  ended: Promise<void>;
}

function follow(ctx: AppContext, caller: Caller, sessionId: string): Follower {
  const events: TStreamEvent[] = [];
  const deltas: string[] = [];
  const ended = followReply(ctx, caller, sessionId, (event) => {
    events.push(event);
    if (event.event === 'delta') deltas.push(event.data.text);
  });
  return {
    events,
    deltas,
    text: () => deltas.join(''),
    kinds: () => events.filter((e) => e.event !== 'delta').map((e) => e.event),
    ended,
  };
}

type RelayPair = { a: GenerationRelay; b: () => GenerationRelay; close: () => Promise<void> };

const redisUrl = process.env.TEST_REDIS_URL;
const setups: [string, () => Promise<RelayPair>][] = [
  [
    'an in-process relay',
    async () => {
      const bus = memoryBus();
      return { a: bus(), b: bus, close: async () => {} };
    },
  ],
];
if (redisUrl)
  setups.push([
    'Redis (TEST_REDIS_URL)',
    async () => {
      const clients: Redis[] = [];
      const connect = async (enableOfflineQueue: boolean) => {
        const client = new Redis(redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          enableOfflineQueue,
        });
        clients.push(client);
        await client.connect();
        return client;
      };
      const processRelay = async () => new RedisGenerationRelay(await connect(false), await connect(true));
      const b = await processRelay();
      return {
        a: await processRelay(),
        b: () => b,
        close: async () => clients.forEach((client) => client.disconnect()),
      };
    },
  ]);

describe.each(setups)('following a reply generated by another process, through %s', (_name, setup) => {
  let t: TestApp;
  let relays: RelayPair;
  /** Which of A's events its relay loses (none unless a test says so). */
  let lose: (relayed: RelayedEvent) => boolean = () => false;
  let feed: Feed;
  let owner: SignedUp;
  let caller: Caller;
  /** What process B would do: same database, its own (empty) hub, its own relay connection. */
  let processB: (relay?: GenerationRelay) => AppContext;
  const model: ChatModel = {
    backend: 'offline',
    model: 'fed',
    stream: () => feed.stream(),
  };

  beforeAll(async () => {
    relays = await setup();
    t = await createTestApp({
      model,
      generations: new GenerationHub(lossy(relays.a, (relayed) => lose(relayed))),
    });
    processB = (relay = relays.b()) => ({ ...t.ctx, generations: new GenerationHub(relay) });
  });
  afterAll(async () => {
    await t.close();
    await relays.close();
  });
  beforeEach(async () => {
    feed?.end();
    await t.reset();
    feed = new Feed();
    lose = () => false;
    owner = await signUpAccount(t.app);
    caller = { ...owner, role: 'owner', isSuperAdmin: false, tokenId: 'test', viaCookie: false };
  });

  /** Opens a session on A: its first reply starts generating there, fed by the test. */
  async function startReplyOnA() {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai-sessions',
      headers: owner.headers,
      payload: { intake_content: { text: 'Print jobs stuck in the queue' } },
    });
    expect(created.statusCode).toBe(201);
    const sessionId = created.json().id as string;
    // A follower on A itself: the reference for what B must show.
    return { sessionId, onA: follow(t.ctx, caller, sessionId) };
  }

  it('joins mid-reply, catches up from the row, then relays each event live, exactly once', async () => {
    const { sessionId, onA } = await startReplyOnA();
    feed.push('Part one. ', 'Part two. ');
    await until(() => onA.text() === 'Part one. Part two. ', 2_000, 'A to stream');

    // B joins after those deltas went out (and before the row holds them: A persists every 400 ms).
    const onB = follow(processB(), caller, sessionId);
    await until(() => onB.events.length > 0, 1_000, 'B to start');
    await sleep(450);
    // This chunk is the first B hears of; it starts past what B has shown, so B reads the row.
    feed.push('Part three. ');
    await until(() => onB.text() === 'Part one. Part two. Part three. ', 2_000, 'B to catch up');

    // From here on every chunk reaches B as its own delta. Only the relay can bring it: the row is
    // written when a chunk arrives 400 ms after the last write, and the next one waits on this.
    for (const chunk of ['Four. ', 'Five. ', 'Six. ', 'Seven. ']) {
      const before = onB.deltas.length;
      feed.push(chunk);
      await until(() => onB.deltas.length > before, 1_500, `B to relay "${chunk}"`);
      expect(onB.deltas.slice(before)).toEqual([chunk]);
    }
    feed.push(
      `\n${fixMarker}\n[QUESTIONS]["Which printer?"][/QUESTIONS]`,
      '[CONFIDENCE]0.7[/CONFIDENCE] Done.',
    );
    feed.end();
    await Promise.all([onA.ended, onB.ended]);

    expect(onB.text()).toBe(onA.text());
    expect(onA.text()).toBe('Part one. Part two. Part three. Four. Five. Six. Seven. \n\n Done.');
    expect(onB.kinds()).toEqual(['start', 'task_lane', 'fix', 'confidence', 'done']);
    expect(onB.events.filter((e) => e.event !== 'delta')).toEqual(
      onA.events.filter((e) => e.event !== 'delta'),
    );
  });

  it('fills a gap from the row when relayed deltas are lost, without repeating text', async () => {
    const lost = new Set(['Two. ', 'Three. ']);
    lose = (relayed) => relayed.event.event === 'delta' && lost.has(relayed.event.data.text);
    const { sessionId, onA } = await startReplyOnA();
    const onB = follow(processB(), caller, sessionId);
    await until(() => onB.events.length > 0, 1_000, 'B to start');
    feed.push('One. ');
    await until(() => onB.text() === 'One. ', 1_000, 'B to relay "One. "');
    feed.push('Two. ', 'Three. ');
    await until(() => onA.text() === 'One. Two. Three. ', 1_000, 'A to stream');
    await sleep(450);
    feed.push('Four. ');
    await until(() => onB.text() === 'One. Two. Three. Four. ', 2_000, 'B to fill the gap');
    const before = onB.deltas.length;
    feed.push('Five.');
    await until(() => onB.deltas.length > before, 1_500, 'B to relay "Five."');
    expect(onB.deltas.slice(before)).toEqual(['Five.']);
    feed.end();
    await Promise.all([onA.ended, onB.ended]);
    expect(onB.text()).toBe('One. Two. Three. Four. Five.');
    expect(onB.text()).toBe(onA.text());
    expect(onB.kinds()).toEqual(['start', 'done']);
  });

  it('ends from the row when the relayed outcome is lost', async () => {
    lose = (relayed) => relayed.event.event === 'done';
    const { sessionId, onA } = await startReplyOnA();
    const onB = follow(processB(), caller, sessionId);
    await until(() => onB.events.length > 0, 1_000, 'B to start');
    feed.push('Short answer.');
    feed.end();
    await Promise.all([onA.ended, onB.ended]);
    expect(onB.text()).toBe('Short answer.');
    expect(onB.kinds()).toEqual(['start', 'done']);
    const done = (event: TStreamEvent | undefined) =>
      event?.event === 'done' ? event.data.assistant_message : undefined;
    expect(done(onB.events.at(-1))).toEqual(done(onA.events.at(-1)));
  });

  it('relays a failed reply: the text so far, then the error', async () => {
    const { sessionId, onA } = await startReplyOnA();
    const onB = follow(processB(), caller, sessionId);
    await until(() => onB.events.length > 0, 1_000, 'B to start');
    feed.push('Checking the', new ModelError('unavailable', 'stream cut', { partial: true }));
    await Promise.all([onA.ended, onB.ended]);
    expect(onB.text()).toBe('Checking the');
    expect(onB.events.at(-1)).toEqual(onA.events.at(-1));
    expect(onB.events.at(-1)).toMatchObject({ event: 'error', data: { retryable: true } });
  });

  it('ends at once when the reply finished before B followed', async () => {
    const { sessionId, onA } = await startReplyOnA();
    feed.push('All done.');
    feed.end();
    await onA.ended;
    await t.ctx.generations.drain(5_000);
    const onB = follow(processB(), caller, sessionId);
    await onB.ended;
    expect(onB.events).toEqual([]);
  });

  it('polls the row as before when the relay cannot subscribe', async () => {
    const unreachable: GenerationRelay = {
      publish: () => {},
      subscribe: () => Promise.reject(new Error('Redis is down')),
      connected: false,
      close: async () => {},
    };
    const { sessionId, onA } = await startReplyOnA();
    feed.push('Part one. ');
    const onB = follow(processB(unreachable), caller, sessionId);
    await until(() => onB.events.length > 0, 1_000, 'B to start');
    await sleep(450);
    feed.push('Part two.');
    feed.end();
    await Promise.all([onA.ended, onB.ended]);
    // The polled row shows the trimmed prose, as it always did.
    expect(onB.text()).toBe('Part one. Part two.');
    expect(onB.kinds()).toEqual(['start', 'done']);
  });
});

describe('streamedProse', () => {
  it('is what the deltas added up to for a stored raw text, held-back tail included once complete', () => {
    const raw = `  Hello ${fixMarker} there [CONF`;
    expect(streamedProse({ content: raw, status: 'streaming' })).toBe('  Hello  there ');
    expect(streamedProse({ content: raw, status: 'complete' })).toBe('  Hello  there [CONF');
  });
});
