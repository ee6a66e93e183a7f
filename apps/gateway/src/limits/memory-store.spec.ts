import type { LimitSpec } from './limit-spec';
import { MemoryLimitStore, SlidingLog } from './memory-store';
import { PeriodClock, periodOf } from './periods';

const rate = (key: string, limit: number, windowMs: number): LimitSpec => ({
  kind: 'rate',
  key,
  limit,
  windowMs,
});

describe('MemoryLimitStore (sliding log)', () => {
  let store: MemoryLimitStore;
  beforeEach(() => (store = new MemoryLimitStore()));
  afterEach(() => store.close());

  it('allows exactly N in a window, then refuses with the time until a slot frees', () => {
    const t0 = 1_000_000;
    const spec = [rate('a', 5, 60_000)];
    const remaining = [];
    for (let i = 0; i < 5; i++) {
      const o = store.check(spec, t0 + i * 1000);
      expect(o.refused).toBe(-1);
      remaining.push(o.remaining[0]);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const refused = store.check(spec, t0 + 10_000);
    expect(refused.refused).toBe(0);
    expect(refused.remaining[0]).toBe(0);
    // The first request (t0) leaves the window at t0 + 60 s.
    expect(refused.resetMs[0]).toBe(50_000);
    expect(store.check(spec, t0 + 59_999).refused).toBe(0);
    expect(store.check(spec, t0 + 60_000).refused).toBe(-1);
  });

  it('has no 2x burst at a window edge: no 60 s span ever holds more than N', () => {
    // A fixed-window counter lets N through at 59.9 s and N more at 60.1 s.
    const limit = 10;
    const windowMs = 60_000;
    const spec = [rate('edge', limit, windowMs)];
    const accepted: number[] = [];
    for (let t = 0; t < 240_000; t += 100) {
      if (store.check(spec, t).refused === -1) accepted.push(t);
    }
    // Every request arrives one per 100 ms, so the limit is what stops them.
    expect(accepted.length).toBeGreaterThan(3 * limit);
    for (let i = 0; i + limit < accepted.length; i++) {
      // The (i + limit)-th accepted request is at least a full window after the i-th.
      expect(accepted[i + limit]! - accepted[i]!).toBeGreaterThanOrEqual(windowMs);
    }
    // The classic edge attack: N just before a minute boundary, N just after.
    const edge = [rate('edge-attack', limit, windowMs)];
    let before = 0;
    let after = 0;
    for (let i = 0; i < limit; i++) if (store.check(edge, 59_900).refused === -1) before++;
    for (let i = 0; i < limit; i++) if (store.check(edge, 60_100).refused === -1) after++;
    expect([before, after]).toEqual([limit, 0]);
  });

  it('counts a request in every limit only when all have room', () => {
    const t = 5_000;
    const tight = rate('tight', 1, 60_000);
    const loose = rate('loose', 10, 60_000);
    expect(store.check([loose, tight], t).refused).toBe(-1);
    const o = store.check([loose, tight], t + 1);
    expect(o.refused).toBe(1);
    // The refused request did not use up the loose limit.
    expect(store.check([loose], t + 2).remaining[0]).toBe(8);
  });

  it('counts quotas per calendar period and refuses past the quota', () => {
    const clock = new PeriodClock();
    const now = Date.UTC(2026, 10, 30, 23, 59, 0);
    const p = clock.current('month', now);
    expect(p).toEqual({ id: '2026-11', endsAt: Date.UTC(2026, 11, 1) });
    const q: LimitSpec = { kind: 'quota', key: `q:${p.id}`, limit: 2, endsAt: p.endsAt };
    expect(store.check([q], now).refused).toBe(-1);
    expect(store.check([q], now).refused).toBe(-1);
    const refused = store.check([q], now);
    expect(refused.refused).toBe(0);
    expect(refused.resetMs[0]).toBe(60_000);
    const next = clock.current('month', now + 61_000);
    expect(next.id).toBe('2026-12');
    expect(periodOf('day', Date.UTC(2026, 1, 28, 12))).toEqual({
      id: '2026-02-28',
      endsAt: Date.UTC(2026, 2, 1),
    });
  });

  it("implements @nestjs/throttler's storage contract on the same log", async () => {
    const first = await store.increment('ip:1', 1000, 2, 0, 'default');
    expect(first).toMatchObject({ totalHits: 1, isBlocked: false });
    await store.increment('ip:1', 1000, 2, 0, 'default');
    const third = await store.increment('ip:1', 1000, 2, 0, 'default');
    expect(third.isBlocked).toBe(true);
    expect(third.totalHits).toBe(3);
    expect(third.timeToBlockExpire).toBeGreaterThanOrEqual(1);
  });

  it('sweeps idle keys', () => {
    store.check([rate('idle', 3, 1000)], 0);
    store.sweep(10_000);
    // A fresh log: all three slots free again even at the same instant.
    expect(store.check([rate('idle', 3, 1000)], 10_000).remaining[0]).toBe(2);
  });
});

describe('SlidingLog', () => {
  it('grows its ring as requests come and keeps them in order', () => {
    const log = new SlidingLog(100);
    for (let t = 1; t <= 100; t++) {
      expect(log.prune(t, 1_000)).toBe(t - 1);
      log.add(t);
    }
    expect(log.freesAt(1_000, 100)).toBe(1_001);
    expect(log.newest()).toBe(100);
    // Half leave the window; the rest still in order.
    expect(log.prune(1_050, 1_000)).toBe(50);
    expect(log.freesAt(1_000, 1_050)).toBe(1_051);
  });

  it('agrees with a naive log under random traffic (wrap-around and growth included)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const limit of [1, 7, 40, 300]) {
      const windowMs = 1_000;
      const log = new SlidingLog(limit);
      const naive: number[] = [];
      let t = 0;
      const mismatches: string[] = [];
      for (let i = 0; i < 5_000; i++) {
        // Alternating slow and saturating phases: the ring grows while its head is mid-buffer.
        const slow = Math.floor(i / 250) % 2 === 0;
        t += Math.floor(random() * ((slow ? 8_000 : 400) / limit));
        while (naive.length > 0 && naive[0]! <= t - windowMs) naive.shift();
        const size = log.prune(t, windowMs);
        if (size !== naive.length) mismatches.push(`size at ${t}: ${size} vs ${naive.length}`);
        if (naive.length < limit) {
          naive.push(t);
          log.add(t);
        }
        const frees = log.freesAt(windowMs, t);
        if (frees !== naive[0]! + windowMs) mismatches.push(`freesAt at ${t}: ${frees}`);
      }
      expect({ limit, mismatches: mismatches.slice(0, 3) }).toEqual({ limit, mismatches: [] });
    }
  });

  it('wraps around its ring without losing order', () => {
    const log = new SlidingLog(3);
    for (let t = 0; t < 100; t += 10) {
      log.prune(t, 25);
      if (log.size < 3) log.add(t);
      expect(log.size).toBeLessThanOrEqual(3);
    }
    expect(log.newest()).toBe(90);
  });
});
