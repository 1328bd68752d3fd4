import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAccount, type SignedUp } from '../../../test/fixtures.ts';
import { insertSession } from '../../../test/pilot-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  LayeredPreviewCache,
  MemoryPreviewCache,
  RedisPreviewCache,
  previewCacheKey,
  type PreviewCache,
} from './preview-cache.ts';
import { previewClosingText } from './preview-closing-text.ts';

const entry = (markdown: string) => ({ markdown, fingerprint: 'f', polished: false });
const key = (sessionId: string, stateVersion = 0, kind = 'resolution-note') => ({
  kind,
  sessionId,
  stateVersion,
});

describe('MemoryPreviewCache', () => {
  it('keys by kind, session and version', async () => {
    const cache = new MemoryPreviewCache();
    await cache.set(key('s1'), entry('a'));
    expect(await cache.get(key('s1'))).toEqual(entry('a'));
    expect(await cache.get(key('s1', 1))).toBeUndefined();
    expect(await cache.get(key('s1', 0, 'escalation-package'))).toBeUndefined();
    expect(previewCacheKey(key('s1', 3))).toBe('flowpilot:preview:resolution-note:s1:3');
  });

  it('evicts the least recently used entry past its bounds', async () => {
    const cache = new MemoryPreviewCache({ maxEntries: 2, maxChars: 10 });
    await cache.set(key('a'), entry('1'));
    await cache.set(key('b'), entry('2'));
    await cache.get(key('a'));
    await cache.set(key('c'), entry('3'));
    expect(await cache.get(key('b'))).toBeUndefined();
    expect(await cache.get(key('a'))).toBeDefined();
    expect(cache.size).toBe(2);
    // A large entry pushes out others to stay under the character budget; one over it is not kept.
    await cache.set(key('d'), entry('1234567890'));
    expect(cache.size).toBe(1);
    await cache.set(key('e'), entry('x'.repeat(11)));
    expect(await cache.get(key('e'))).toBeUndefined();
  });
});

describe('RedisPreviewCache', () => {
  it('never throws when Redis is unreachable: a miss, and a write that is not kept', async () => {
    const redis = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const cache = new RedisPreviewCache(redis, { log: pino({ level: 'silent' }) });
    await expect(cache.set(key('x'), entry('a'))).resolves.toBeUndefined();
    await expect(cache.get(key('x'))).resolves.toBeUndefined();
    await cache.close();
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  describe.runIf(redisUrl)('against a real Redis (TEST_REDIS_URL)', () => {
    const clients: Redis[] = [];
    const connect = () => {
      const client = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
      clients.push(client);
      return client;
    };
    /** What one app process builds: its own LRU over its own Redis connection. */
    const processCache = () =>
      new LayeredPreviewCache(new MemoryPreviewCache(), new RedisPreviewCache(connect()));

    let t: TestApp;
    let owner: SignedUp;
    beforeAll(async () => {
      t = await createTestApp();
      owner = await signUpAccount(t.app);
    });
    afterAll(async () => {
      for (const client of clients) client.disconnect();
      await t.close();
    });

    it('shares entries between instances, with a day-long TTL', async () => {
      const sessionId = randomUUID();
      const first: PreviewCache = processCache();
      const second: PreviewCache = processCache();
      expect(await second.get(key(sessionId))).toBeUndefined();
      await first.set(key(sessionId), entry('# Note'));
      expect(await second.get(key(sessionId))).toEqual(entry('# Note'));
      const ttl = await connect().ttl(previewCacheKey(key(sessionId)));
      expect(ttl).toBeGreaterThan(24 * 60 * 60 - 60);
      expect(ttl).toBeLessThanOrEqual(24 * 60 * 60);
    });

    it('lets a second process answer from_cache: true, and a bump makes both fresh', async () => {
      const session = await insertSession(t, owner);
      const caller: Caller = {
        ...owner,
        role: 'owner',
        isSuperAdmin: false,
        tokenId: 'test',
        viaCookie: false,
      };
      const processA = { ...t.ctx, previewCache: processCache() };
      const processB = { ...t.ctx, previewCache: processCache() };

      const fromA = await previewClosingText(processA, caller, session.id, 'escalation_package', {});
      expect(fromA.from_cache).toBe(false);
      const fromB = await previewClosingText(processB, caller, session.id, 'escalation_package', {});
      expect(fromB).toEqual({ ...fromA, from_cache: true });

      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/ai-sessions/${session.id}/facts`,
        headers: owner.headers,
        payload: { text: 'Only on the 5 GHz band' },
      });
      expect(added.statusCode).toBe(201);
      const fresh = await previewClosingText(processB, caller, session.id, 'escalation_package', {});
      expect(fresh).toMatchObject({ state_version: 1, from_cache: false });
      expect(await previewClosingText(processA, caller, session.id, 'escalation_package', {})).toMatchObject({
        state_version: 1,
        from_cache: true,
      });
    });
  });
});
