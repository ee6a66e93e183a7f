import { type Clock, SlidingWindowLimiter } from './rate-limiter';

class FakeClock implements Clock {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

/** Most requests that started within any `windowMs` interval. */
function maxInWindow(starts: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('SlidingWindowLimiter', () => {
  it('never lets more than perSecond requests start within any second', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 5 }, clock, 0);
    const starts: number[] = [];
    for (let i = 0; i < 23; i++) {
      const slot = await limiter.acquire();
      starts.push(clock.now());
      slot.done();
      clock.t += 37; // some work between requests
    }
    expect(maxInWindow(starts, 1000)).toBe(5);
    // ... and it does not wait more than it must: 23 requests at 5/s take a little over 4 s.
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(4_500);
  });

  it('applies the per-minute limit too, whichever is stricter', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 100, perMinute: 30 }, clock, 0);
    const starts: number[] = [];
    for (let i = 0; i < 61; i++) {
      (await limiter.acquire()).done();
      starts.push(clock.now());
    }
    expect(maxInWindow(starts, 60_000)).toBe(30);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(100);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(120_000);
  });

  it('serves concurrent callers without exceeding the limit', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 3 }, clock, 0);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.acquire().then((slot) => {
          starts.push(clock.now());
          slot.done();
        }),
      ),
    );
    expect(starts).toHaveLength(10);
    expect(
      maxInWindow(
        starts.sort((a, b) => a - b),
        1000,
      ),
    ).toBe(3);
  });

  it('counts a request until its response arrived, however long it took', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 1 }, clock, 0);
    const first = await limiter.acquire();
    const second = limiter.acquire();
    clock.t += 300; // the first request is slow
    first.done();
    const doneAt = clock.now();
    await second;
    expect(clock.now() - doneAt).toBeGreaterThanOrEqual(1000);
  });

  it('does nothing without limits', async () => {
    const limiter = new SlidingWindowLimiter({});
    expect(limiter.active).toBe(false);
    await limiter.acquire();
  });
});
