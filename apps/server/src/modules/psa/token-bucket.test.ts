import { describe, expect, it } from 'vitest';
import { ConcurrencyLimits, TokenBuckets } from './token-bucket.ts';

describe('per-account PSA rate limits', () => {
  it('lets a burst through, then paces requests at the refill rate, per key', async () => {
    const buckets = new TokenBuckets(3, 20);
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) await buckets.take('account-a');
    // 3 at once, then 2 more at 20/s: about 100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    const other = Date.now();
    await buckets.take('account-b');
    expect(Date.now() - other).toBeLessThan(20);
  });

  it('keeps at most `limit` requests in flight per key (Autotask: 3 per endpoint)', async () => {
    const limits = new ConcurrencyLimits(3);
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limits.run('account:/Tickets', async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 10));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });
});
