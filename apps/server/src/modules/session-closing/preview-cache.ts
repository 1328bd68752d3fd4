import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * Where generated previews (resolution note, escalation package) are kept. A preview is a
 * pure function of the session at one `state_version`, so the version is in the key: any
 * write that bumps it makes the next preview fresh without anyone invalidating anything.
 */
export interface PreviewKey {
  /** `resolution-note`, `escalation-package`, or a polished variant of either. */
  kind: string;
  sessionId: string;
  stateVersion: number;
}

export interface CachedPreview {
  markdown: string;
  /**
   * Digest of the session fields the text shows but that do not bump state_version (title,
   * intake, triage). An entry whose digest differs is stale and treated as a miss.
   */
  fingerprint: string;
  polished: boolean;
}

export interface PreviewCache {
  /** Never throws: a cache that is down is a miss. */
  get(key: PreviewKey): Promise<CachedPreview | undefined>;
  /** Never throws: a cache that is down just does not remember. */
  set(key: PreviewKey, value: CachedPreview): Promise<void>;
  close(): Promise<void>;
}

export const previewCacheKey = (key: PreviewKey) =>
  `flowpilot:preview:${key.kind}:${key.sessionId}:${key.stateVersion}`;

/** A bounded least-recently-used map in this process (a Map iterates in insertion order). */
export class MemoryPreviewCache implements PreviewCache {
  readonly #entries = new Map<string, CachedPreview>();
  #chars = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxChars: number } = {
      maxEntries: 1000,
      maxChars: 20_000_000,
    },
  ) {}

  get size() {
    return this.#entries.size;
  }

  async get(key: PreviewKey) {
    return this.getSync(key);
  }

  /** The synchronous read the layered cache and benchmarks use. */
  getSync(key: PreviewKey) {
    const id = previewCacheKey(key);
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
    }
    return entry;
  }

  async set(key: PreviewKey, value: CachedPreview) {
    const id = previewCacheKey(key);
    const previous = this.#entries.get(id);
    if (previous) {
      this.#entries.delete(id);
      this.#chars -= previous.markdown.length;
    }
    if (value.markdown.length > this.limits.maxChars) return;
    this.#entries.set(id, value);
    this.#chars += value.markdown.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.limits.maxEntries && this.#chars <= this.limits.maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= entry.markdown.length;
    }
  }

  async close() {
    this.#entries.clear();
    this.#chars = 0;
  }
}

const DAY_SECONDS = 24 * 60 * 60;

/** Shared by every process pointed at the same Redis; entries expire after a day. */
export class RedisPreviewCache implements PreviewCache {
  constructor(
    private readonly redis: Redis,
    private readonly options: { ttlSeconds?: number; log?: FastifyBaseLogger } = {},
  ) {}

  async get(key: PreviewKey) {
    try {
      const raw = await this.redis.get(previewCacheKey(key));
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as Partial<CachedPreview>;
      if (typeof parsed.markdown !== 'string' || typeof parsed.fingerprint !== 'string') return undefined;
      return {
        markdown: parsed.markdown,
        fingerprint: parsed.fingerprint,
        polished: parsed.polished === true,
      };
    } catch (error) {
      this.options.log?.warn({ err: error }, 'preview cache read failed; composing afresh');
      return undefined;
    }
  }

  async set(key: PreviewKey, value: CachedPreview) {
    try {
      await this.redis.set(
        previewCacheKey(key),
        JSON.stringify(value),
        'EX',
        this.options.ttlSeconds ?? DAY_SECONDS,
      );
    } catch (error) {
      this.options.log?.warn({ err: error }, 'preview cache write failed');
    }
  }

  async close() {
    this.redis.disconnect();
  }
}

/** The process's own LRU in front of the shared store: a repeat preview costs no round trip. */
export class LayeredPreviewCache implements PreviewCache {
  constructor(
    private readonly local: MemoryPreviewCache,
    private readonly shared: PreviewCache,
  ) {}

  async get(key: PreviewKey) {
    const local = this.local.getSync(key);
    if (local) return local;
    const shared = await this.shared.get(key);
    if (shared) await this.local.set(key, shared);
    return shared;
  }

  async set(key: PreviewKey, value: CachedPreview) {
    await Promise.all([this.local.set(key, value), this.shared.set(key, value)]);
  }

  async close() {
    await Promise.all([this.local.close(), this.shared.close()]);
  }
}

/**
 * In-process only without `REDIS_URL`; otherwise layered over Redis. The Redis client
 * fails fast instead of queueing while disconnected: a preview is cheap to recompute, a
 * request stuck behind a dead cache is not.
 */
export function createPreviewCache(options: {
  redisUrl?: string | undefined;
  log: FastifyBaseLogger;
}): PreviewCache {
  const local = new MemoryPreviewCache();
  if (!options.redisUrl) return local;
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectionName: 'flowpilot-preview-cache',
  });
  let healthy = true;
  redis.on('error', (error) => {
    if (healthy)
      options.log.warn({ err: error }, 'preview cache Redis unavailable; using the in-process cache');
    healthy = false;
  });
  redis.on('ready', () => {
    healthy = true;
  });
  return new LayeredPreviewCache(local, new RedisPreviewCache(redis, { log: options.log }));
}
