import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { TEscalationStreamEvent } from '@flowpilot/contracts/escalations';
import type { AppContext } from '../../app-context.ts';

type Listener = (event: TEscalationStreamEvent) => void;

/**
 * Queue events for the engineers of one account (`GET /escalations/stream`). Best effort: a
 * lost event costs a client nothing it cannot recover, since every event makes it read the
 * queue again; so nothing is stored and nothing is retried.
 */
export interface EscalationFeed {
  /** Fire and forget: never waits, never throws. */
  publish(accountId: string, event: TEscalationStreamEvent): void;
  /** Resolves once events published from then on reach `listener`, with the function that stops it. */
  subscribe(accountId: string, listener: Listener): Promise<() => void>;
  close(): Promise<void>;
}

class Listeners {
  readonly #byAccount = new Map<string, Set<Listener>>();
  add(accountId: string, listener: Listener) {
    let set = this.#byAccount.get(accountId);
    if (!set) this.#byAccount.set(accountId, (set = new Set()));
    set.add(listener);
    return set.size === 1;
  }
  /** True when that was the account's last listener. */
  remove(accountId: string, listener: Listener) {
    const set = this.#byAccount.get(accountId);
    if (!set?.delete(listener)) return false;
    if (set.size > 0) return false;
    this.#byAccount.delete(accountId);
    return true;
  }
  deliver(accountId: string, event: TEscalationStreamEvent) {
    for (const listener of [...(this.#byAccount.get(accountId) ?? [])]) listener(event);
  }
  clear() {
    this.#byAccount.clear();
  }
}

/** One process, no Redis: events go straight to this process's listeners. */
export class LocalEscalationFeed implements EscalationFeed {
  readonly #listeners = new Listeners();
  publish(accountId: string, event: TEscalationStreamEvent) {
    queueMicrotask(() => this.#listeners.deliver(accountId, event));
  }
  async subscribe(accountId: string, listener: Listener) {
    this.#listeners.add(accountId, listener);
    return () => void this.#listeners.remove(accountId, listener);
  }
  async close() {
    this.#listeners.clear();
  }
}

export const feedChannel = (accountId: string) => `flowpilot:escalations:${accountId}`;
const SUBSCRIBE_TIMEOUT_MS = 1_000;

/**
 * Several processes: every event goes through Redis pub/sub (one channel per account), and each
 * process hands what it receives to its own listeners, its own events included, so each
 * listener gets each event once. While the publisher is down an event goes to this process's
 * listeners only; the other processes' clients see the change at their next read.
 */
export class RedisEscalationFeed implements EscalationFeed {
  readonly #listeners = new Listeners();
  readonly #subscribed = new Map<string, Promise<unknown>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith('flowpilot:escalations:')) return;
      let event: TEscalationStreamEvent;
      try {
        event = JSON.parse(message) as TEscalationStreamEvent;
      } catch {
        return;
      }
      if (event?.event !== 'escalation_created' && event?.event !== 'escalation_claimed') return;
      this.#listeners.deliver(channel.slice('flowpilot:escalations:'.length), event);
    });
  }

  publish(accountId: string, event: TEscalationStreamEvent) {
    if (this.publisher.status !== 'ready' || this.subscriber.status !== 'ready') {
      queueMicrotask(() => this.#listeners.deliver(accountId, event));
      return;
    }
    this.publisher.publish(feedChannel(accountId), JSON.stringify(event)).catch(() => {
      this.#listeners.deliver(accountId, event);
    });
  }

  async subscribe(accountId: string, listener: Listener) {
    const channel = feedChannel(accountId);
    if (this.#listeners.add(accountId, listener)) {
      const subscribed = this.subscriber.subscribe(channel);
      subscribed.catch(() => this.#subscribed.delete(channel));
      this.#subscribed.set(channel, subscribed);
    }
    const unsubscribe = () => {
      if (!this.#listeners.remove(accountId, listener)) return;
      this.#subscribed.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => {});
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#subscribed.get(channel),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('escalation feed: SUBSCRIBE timed out')),
            SUBSCRIBE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch {
      // Still listening: this process's own events arrive while Redis is away.
    } finally {
      clearTimeout(timer);
    }
    return unsubscribe;
  }

  async close() {
    this.#listeners.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

export function createEscalationFeed(options: {
  redisUrl?: string | undefined;
  log: FastifyBaseLogger;
}): EscalationFeed {
  if (!options.redisUrl) return new LocalEscalationFeed();
  const connect = (role: string) => {
    const redis = new Redis(options.redisUrl!, {
      enableOfflineQueue: role === 'subscriber',
      maxRetriesPerRequest: 1,
      connectionName: `flowpilot-escalations-${role}`,
    });
    let healthy = true;
    redis.on('error', (error) => {
      if (healthy)
        options.log.warn(
          { err: error, role },
          'escalation feed Redis unavailable; events stay in this process',
        );
      healthy = false;
    });
    redis.on('ready', () => {
      healthy = true;
    });
    return redis;
  };
  return new RedisEscalationFeed(connect('publisher'), connect('subscriber'));
}

const fallbackFeeds = new WeakMap<AppContext, EscalationFeed>();

/** The context's feed; a context built without one (benches, evals) gets an in-process feed. */
export function escalationFeedOf(ctx: AppContext): EscalationFeed {
  if (ctx.escalationFeed) return ctx.escalationFeed;
  let feed = fallbackFeeds.get(ctx);
  if (!feed) fallbackFeeds.set(ctx, (feed = new LocalEscalationFeed()));
  return feed;
}
