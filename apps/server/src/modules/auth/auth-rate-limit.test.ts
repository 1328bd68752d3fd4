import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

const LIMIT = 5;
const PASSWORD = 'correct horse battery';

/** Each run gets its own addresses and emails, so counters left in a shared Redis never meet it. */
const run = randomUUID().slice(0, 8);
let addressCounter = 0;
const freshAddress = () => {
  addressCounter += 1;
  return `10.${(addressCounter >> 8) & 255}.${addressCounter & 255}.${parseInt(run.slice(0, 2), 16)}`;
};

function limiterSuite(store: 'in-memory' | 'Redis', redisUrl?: string) {
  describe(`auth attempts are limited per client address and per email (${store} store)`, () => {
    let t: TestApp;
    let redis: Redis | undefined;
    let ownerToken: string;
    const throwAwayTokens: string[] = [];
    const victim = `victim-${run}-${store === 'Redis' ? 'r' : 'm'}@example.test`;

    beforeAll(async () => {
      redis = redisUrl ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 }) : undefined;
      t = await createTestApp({
        config: { authRateLimitPerMinute: LIMIT },
        buildOptions: { rateLimitRedis: redis },
      });
      // Set-up traffic comes from addresses of its own, so it spends none of the attacker's budget.
      const owner = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress: freshAddress(),
        payload: { email: `owner-${run}@example.test`, password: PASSWORD, name: 'Owner', account_name: 'A' },
      });
      ownerToken = owner.json().access_token;
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress: freshAddress(),
        payload: { email: victim, password: PASSWORD, name: 'Victim', account_name: 'V' },
      });
      for (let i = 0; i < 6; i++) {
        const email = `throwaway-${i}-${run}@example.test`;
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { authorization: `Bearer ${ownerToken}` },
          payload: { email, name: `Throwaway ${i}`, password: PASSWORD, account_role: 'viewer' },
        });
        expect(created.statusCode, created.body).toBe(201);
        const login = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: freshAddress(),
          payload: { email, password: PASSWORD },
        });
        expect(login.statusCode, login.body).toBe(200);
        throwAwayTokens.push(login.json().access_token);
      }
    });
    afterAll(async () => {
      await t.close();
      redis?.disconnect();
    });

    const guess = (email: string, remoteAddress: string, token?: string, i = 0) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: { email, password: `wrong guess number ${i}` },
      });

    it('gives an owner rotating throw-away users’ tokens only the limit’s guesses against one email', async () => {
      const attacker = freshAddress();
      const tokens = [undefined, ownerToken, ...throwAwayTokens];
      let allowed = 0;
      let i = 0;
      for (const token of tokens) {
        for (let n = 0; n < LIMIT + 1; n++) {
          const response = await guess(victim, attacker, token, i++);
          if (response.statusCode !== 429) allowed += 1;
          else {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
          }
        }
      }
      expect(allowed).toBe(LIMIT);
    });

    it('limits guesses against one email from many addresses', async () => {
      const target = `spread-${run}@example.test`;
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 3; i++)
        statuses.push((await guess(target, freshAddress(), undefined, i)).statusCode);
      expect(statuses.filter((status) => status !== 429)).toHaveLength(LIMIT);
      // The same email in another case or with spaces around it is the same target.
      const variant = await guess(`  ${target.toUpperCase()} `, freshAddress());
      expect(variant.statusCode).toBe(429);
    });

    it('limits guesses from one address across many emails', async () => {
      const from = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 3; i++) {
        statuses.push(
          (await guess(`many-${i}-${run}@example.test`, from, throwAwayTokens[i % 6])).statusCode,
        );
      }
      expect(statuses.filter((status) => status !== 429)).toHaveLength(LIMIT);
    });

    it('limits sign-ups per address, whatever token they carry', async () => {
      const from = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          remoteAddress: from,
          headers: { authorization: `Bearer ${throwAwayTokens[i % 6]}` },
          payload: {
            email: `signup-${i}-${run}@example.test`,
            password: PASSWORD,
            name: 'N',
            account_name: 'N',
          },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.filter((status) => status !== 429)).toHaveLength(LIMIT);
    });
  });
}

limiterSuite('in-memory');
const redisUrl = process.env.TEST_REDIS_URL;
describe.runIf(redisUrl)('against a real Redis (TEST_REDIS_URL)', () => {
  limiterSuite('Redis', redisUrl);
});
