import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { TStreamEvent } from '@flowpilot/contracts/messages';

/** One event of a reply, as it travels between processes. */
export interface RelayedEvent {
  /** The reply it belongs to: the session's next reply may start right after this one ends. */
  messageId: string;
  /**
   * Length of the reply's prose (its deltas so far) before this event: where a delta's text
   * starts. A follower drops what it has already shown and sees a gap when it is ahead.
   */
  offset: number;
  event: TStreamEvent;
}

/**
 * Carries the events of replies generated in one process to followers in the others. Best
 * effort: an event can be lost (a connection drops), never reordered, so followers check
 * offsets and fall back to the persisted text.
 */
export interface GenerationRelay {
  /** Fire and forget: never waits, never throws, drops the event when the relay is down. */
  publish(sessionId: string, relayed: RelayedEvent): void;
  /**
   * Resolves once every event published from then on reaches `onEvent` (in publish order),
   * with the function that stops it; rejects when the relay cannot be reached.
   */
  subscribe(sessionId: string, onEvent: (relayed: RelayedEvent) => void): Promise<() => void>;
  /** False while events may be going missing (the subscriber connection is down). */
  readonly connected: boolean;
  close(): Promise<void>;
}

export const relayChannel = (sessionId: string) => `flowpilot:reply:${sessionId}`;

const SUBSCRIBE_TIMEOUT_MS = 1_000;

const isRelayedEvent = (value: unknown): value is RelayedEvent => {
  const candidate = value as Partial<RelayedEvent> | null;
  return (
    typeof candidate?.messageId === 'string' &&
    typeof candidate.offset === 'number' &&
    typeof candidate.event?.event === 'string'
  );
};

interface Channel {
  listeners: Set<(relayed: RelayedEvent) => void>;
  /** Settles when Redis confirmed the SUBSCRIBE. */
  subscribed: Promise<unknown>;
}

/**
 * Redis pub/sub, one channel per session: a publisher connection that never queues (an event
 * that cannot go out at once is dropped, not delivered late) and a subscriber connection shared
 * by every follower in the process (a channel is subscribed while anyone follows it).
 */
export class RedisGenerationRelay implements GenerationRelay {
  readonly #channels = new Map<string, Channel>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: { subscribeTimeoutMs?: number } = {},
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.#channels.get(channel)?.listeners;
      if (!listeners) return;
      let relayed: unknown;
      try {
        relayed = JSON.parse(message);
      } catch {
        return;
      }
      if (!isRelayedEvent(relayed)) return;
      for (const listener of [...listeners]) listener(relayed);
    });
  }

  get connected() {
    return this.subscriber.status === 'ready';
  }

  publish(sessionId: string, relayed: RelayedEvent) {
    try {
      this.publisher.publish(relayChannel(sessionId), JSON.stringify(relayed)).catch(() => {});
    } catch {
      // Never into the generation: followers elsewhere read the persisted text instead.
    }
  }

  async subscribe(sessionId: string, onEvent: (relayed: RelayedEvent) => void) {
    const status = this.subscriber.status;
    if (status === 'end' || status === 'close' || status === 'reconnecting')
      throw new Error(`reply relay unavailable (${status})`);
    const name = relayChannel(sessionId);
    let channel = this.#channels.get(name);
    if (!channel) {
      const subscribed = this.subscriber.subscribe(name);
      channel = { listeners: new Set(), subscribed };
      const created = channel;
      // A failed SUBSCRIBE is forgotten, so the next follower tries again.
      subscribed.catch(() => {
        if (this.#channels.get(name) === created) this.#channels.delete(name);
      });
      this.#channels.set(name, channel);
    }
    channel.listeners.add(onEvent);
    const unsubscribe = () => {
      const current = this.#channels.get(name);
      if (!current?.listeners.delete(onEvent) || current.listeners.size > 0) return;
      // Commands go out in order, so a later SUBSCRIBE of the same channel still wins.
      this.#channels.delete(name);
      this.subscriber.unsubscribe(name).catch(() => {});
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        channel.subscribed,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('reply relay: SUBSCRIBE timed out')),
            this.options.subscribeTimeoutMs ?? SUBSCRIBE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      unsubscribe();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return unsubscribe;
  }

  async close() {
    this.#channels.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

/** Undefined without `REDIS_URL`: a reply is then followed from another process by polling its row. */
export function createGenerationRelay(options: {
  redisUrl?: string | undefined;
  log: FastifyBaseLogger;
}): GenerationRelay | undefined {
  if (!options.redisUrl) return undefined;
  const connect = (role: string) => {
    const redis = new Redis(options.redisUrl!, {
      // Publishing: an event that cannot leave now is dropped (followers reconcile from the
      // database). Subscribing: a SUBSCRIBE waits for the connection, bounded by the timeout.
      enableOfflineQueue: role === 'subscriber',
      maxRetriesPerRequest: 1,
      connectionName: `flowpilot-reply-relay-${role}`,
    });
    let healthy = true;
    redis.on('error', (error) => {
      if (healthy)
        options.log.warn({ err: error, role }, 'reply relay Redis unavailable; followers elsewhere poll');
      healthy = false;
    });
    redis.on('ready', () => {
      healthy = true;
    });
    return redis;
  };
  return new RedisGenerationRelay(connect('publisher'), connect('subscriber'));
}
