/**
 * A token bucket per key (provider + account): `capacity` requests at once, refilled at
 * `perSecond`. `take` waits for a token instead of failing, so a burst is smoothed rather
 * than refused by the PSA with a 429.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  async take(key: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
      bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
      bucket.at = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** At most `limit` requests in flight per key (Autotask: 3 concurrent per endpoint per integration). */
export class ConcurrencyLimits {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if ((this.active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.get(key)?.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next) next();
      else this.active.set(key, (this.active.get(key) ?? 1) - 1);
    }
  }
}
