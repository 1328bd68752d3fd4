import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { GenerationHub } from './generation-hub.ts';
import { RedisGenerationRelay, relayChannel, type RelayedEvent } from './generation-relay.ts';

const delta = (messageId: string, offset: number, text: string): RelayedEvent => ({
  messageId,
  offset,
  event: { event: 'delta', data: { text } },
});

const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('RedisGenerationRelay', () => {
  it('never throws or waits when Redis is unreachable, and refuses to subscribe', async () => {
    const dead = () => {
      const redis = new Redis('redis://127.0.0.1:1', {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        lazyConnect: true,
        retryStrategy: () => null,
      });
      redis.on('error', () => {});
      return redis;
    };
    const relay = new RedisGenerationRelay(dead(), dead(), { subscribeTimeoutMs: 200 });
    expect(relay.connected).toBe(false);
    // publish is synchronous (it returns nothing to wait on); with the offline queue off, a dead
    // connection rejects each command at once and the relay swallows it.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < 100; i++) expect(relay.publish('s', delta('m', i, 'x'))).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    await expect(relay.subscribe('s', () => {})).rejects.toThrow();
    await relay.close();
  });

  it('publishes every event of a hub generation, stamped with the prose offset it starts at', async () => {
    const published: RelayedEvent[] = [];
    const hub = new GenerationHub({
      publish: (_sessionId, relayed) => published.push(relayed),
      subscribe: async () => () => {},
      connected: true,
      close: async () => {},
    });
    await hub.start('s1', 'm1', async (emit) => {
      emit({ event: 'start', data: { assistant_message_id: 'm1' } });
      emit({ event: 'delta', data: { text: 'Hello' } });
      emit({ event: 'delta', data: { text: ', world' } });
      emit({ event: 'confidence', data: { score: 0.5, tier: 'guided' } });
    });
    expect(published.map(({ offset, event }) => [offset, event.event])).toEqual([
      [0, 'start'],
      [0, 'delta'],
      [5, 'delta'],
      [12, 'confidence'],
    ]);
    expect(published.every((relayed) => relayed.messageId === 'm1')).toBe(true);
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  describe.runIf(redisUrl)('against a real Redis (TEST_REDIS_URL)', () => {
    const clients: Redis[] = [];
    const connect = async (options: { enableOfflineQueue?: boolean } = {}) => {
      const client = new Redis(redisUrl!, { maxRetriesPerRequest: 1, lazyConnect: true, ...options });
      clients.push(client);
      await client.connect();
      return client;
    };
    /** What one app process builds: a publisher that never queues and a shared subscriber. */
    const processRelay = async () =>
      new RedisGenerationRelay(await connect({ enableOfflineQueue: false }), await connect());
    afterAll(() => {
      for (const client of clients) client.disconnect();
    });

    it('delivers, in order, everything published once subscribe resolved, to that session only', async () => {
      const [a, b] = [await processRelay(), await processRelay()];
      const sessionId = randomUUID();
      const first: RelayedEvent[] = [];
      const second: RelayedEvent[] = [];
      const elsewhere: RelayedEvent[] = [];
      const stops = await Promise.all([
        b.subscribe(sessionId, (relayed) => first.push(relayed)),
        b.subscribe(sessionId, (relayed) => second.push(relayed)),
        b.subscribe(randomUUID(), (relayed) => elsewhere.push(relayed)),
      ]);
      // Published the moment the subscription is confirmed, from the other process, in one burst.
      const sent = Array.from({ length: 300 }, (_, i) => delta('m1', i, `chunk ${i} `));
      for (const relayed of sent) a.publish(sessionId, relayed);
      a.publish(sessionId, {
        messageId: 'm1',
        offset: 300,
        event: { event: 'error', data: { code: 'x', detail: 'y', retryable: true, message_id: 'm1' } },
      });
      await until(() => first.length === 301 && second.length === 301);
      expect(first.slice(0, 300)).toEqual(sent);
      expect(second).toEqual(first);
      expect(first.at(-1)!.event.event).toBe('error');
      expect(elsewhere).toEqual([]);
      for (const stop of stops) stop();
    });

    it('stops delivering after unsubscribe and leaves the channel once nobody follows it', async () => {
      const [a, b] = [await processRelay(), await processRelay()];
      const observer = await connect();
      const sessionId = randomUUID();
      const subscribers = async () =>
        ((await observer.pubsub('NUMSUB', relayChannel(sessionId))) as [string, number])[1];
      const kept: RelayedEvent[] = [];
      const dropped: RelayedEvent[] = [];
      const stopKept = await b.subscribe(sessionId, (relayed) => kept.push(relayed));
      const stopDropped = await b.subscribe(sessionId, (relayed) => dropped.push(relayed));
      expect(await subscribers()).toBe(1);
      stopDropped();
      a.publish(sessionId, delta('m1', 0, 'after'));
      await until(() => kept.length === 1);
      expect(dropped).toEqual([]);
      stopKept();
      // Commands on the subscriber connection run in order: once a later SUBSCRIBE is confirmed, the UNSUBSCRIBE ran.
      await b.subscribe(randomUUID(), () => {}).then((stop) => stop());
      expect(await subscribers()).toBe(0);

      // Following again subscribes again.
      const again: RelayedEvent[] = [];
      const stopAgain = await b.subscribe(sessionId, (relayed) => again.push(relayed));
      a.publish(sessionId, delta('m1', 5, ' again'));
      await until(() => again.length === 1);
      expect(kept).toHaveLength(1);
      stopAgain();
    });

    it('ignores messages on its channels that are not relayed events', async () => {
      const b = await processRelay();
      const raw = await connect();
      const sessionId = randomUUID();
      const got: RelayedEvent[] = [];
      const stop = await b.subscribe(sessionId, (relayed) => got.push(relayed));
      await raw.publish(relayChannel(sessionId), 'not json');
      await raw.publish(relayChannel(sessionId), JSON.stringify({ hello: 'world' }));
      await raw.publish(relayChannel(sessionId), JSON.stringify(delta('m1', 0, 'ok')));
      await until(() => got.length === 1);
      expect(got).toEqual([delta('m1', 0, 'ok')]);
      stop();
    });
  });
});
