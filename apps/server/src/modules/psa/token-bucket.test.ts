import { describe, expect, it, vi } from 'vitest';
import { ConcurrencyLimits, TokenBuckets } from './token-bucket.ts';

describe('per-account PSA rate limits', () => {
  it('lets a burst through, then paces requests at the refill rate, per key', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const buckets = new TokenBuckets(3, 20);
      for (let i = 0; i < 3; i += 1) await buckets.take('account-a');
      expect(Date.now()).toBe(0);
      // The fourth waits for the refill: one token every 50 ms at 20/s.
      let fourth = false;
      void buckets.take('account-a').then(() => (fourth = true));
      await vi.advanceTimersByTimeAsync(49);
      expect(fourth).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(fourth).toBe(true);
      // Another account's bucket is full: it goes at once.
      const before = Date.now();
      await buckets.take('account-b');
      expect(Date.now()).toBe(before);
    } finally {
      vi.useRealTimers();
    }
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
