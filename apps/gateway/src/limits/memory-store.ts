import type { ThrottlerStorage } from '@nestjs/throttler';
import type { LimitOutcome, LimitSpec, LimitStore, ThrottlerStorageRecord } from './limit-spec';

/**
 * A sliding log of the last `limit` counted requests of one key, in a ring buffer. A request has
 * room iff fewer than `limit` counted requests lie in (now - window, now]: exactly the sliding
 * window, so no window of that length (wherever it starts) ever holds more than `limit`. Expired
 * entries leave from the old end, so each request costs O(1) amortised. The ring starts small and
 * doubles up to `limit`, so memory follows the requests actually in the window.
 */
export class SlidingLog {
  private times: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly limit: number) {
    this.times = new Float64Array(Math.min(limit, 16));
  }

  /** Drops what left the window; returns how many counted requests are still in it. */
  prune(now: number, windowMs: number): number {
    const edge = now - windowMs;
    const cap = this.times.length;
    while (this.count > 0 && this.times[this.head]! <= edge) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.count--;
    }
    return this.count;
  }

  add(now: number): void {
    if (this.count === this.times.length) this.grow();
    const cap = this.times.length;
    let tail = this.head + this.count;
    if (tail >= cap) tail -= cap;
    this.times[tail] = now;
    this.count++;
  }

  private grow(): void {
    const old = this.times;
    const next = new Float64Array(Math.min(this.limit, old.length * 2));
    for (let i = 0; i < this.count; i++) {
      let j = this.head + i;
      if (j >= old.length) j -= old.length;
      next[i] = old[j]!;
    }
    this.times = next;
    this.head = 0;
  }

  /** When the oldest counted request leaves the window (now when there is none). */
  freesAt(windowMs: number, now: number): number {
    return this.count === 0 ? now : this.times[this.head]! + windowMs;
  }

  get size(): number {
    return this.count;
  }

  /** The newest entry, to tell idle logs apart. */
  newest(): number {
    if (this.count === 0) return 0;
    let i = this.head + this.count - 1;
    if (i >= this.times.length) i -= this.times.length;
    return this.times[i]!;
  }
}

interface QuotaCounter {
  count: number;
  endsAt: number;
}

interface LogEntry {
  log: SlidingLog;
  windowMs: number;
  blockedUntil: number;
}

/**
 * Counters in this process, for a single gateway instance. Checks are synchronous (no Promise on
 * the hot path). Idle keys are swept once a minute so memory follows the active callers.
 */
export class MemoryLimitStore implements LimitStore, ThrottlerStorage {
  readonly kind = 'memory' as const;
  private readonly logs = new Map<string, LogEntry>();
  private readonly quotas = new Map<string, QuotaCounter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), sweepEveryMs);
    this.sweeper.unref();
  }

  check(specs: readonly LimitSpec[], now = Date.now()): LimitOutcome {
    const n = specs.length;
    const remaining = new Array<number>(n);
    const resetMs = new Array<number>(n);
    let refused = -1;
    for (let i = 0; i < n; i++) {
      const s = specs[i]!;
      if (s.kind === 'rate') {
        const e = this.log(s.key, s.limit, s.windowMs);
        const used = e.log.prune(now, s.windowMs);
        remaining[i] = s.limit - used;
        resetMs[i] = e.log.freesAt(s.windowMs, now) - now;
      } else {
        const q = this.quota(s.key, s.endsAt, now);
        remaining[i] = s.limit - q.count;
        resetMs[i] = s.endsAt - now;
      }
      if (remaining[i]! <= 0 && refused < 0) refused = i;
    }
    if (refused >= 0) {
      for (let i = 0; i < n; i++) if (remaining[i]! < 0) remaining[i] = 0;
      return { refused, remaining, resetMs };
    }
    for (let i = 0; i < n; i++) {
      const s = specs[i]!;
      if (s.kind === 'rate') {
        const e = this.logs.get(s.key)!;
        e.log.add(now);
        if (e.log.size === 1) resetMs[i] = s.windowMs;
      } else {
        this.quotas.get(s.key)!.count++;
      }
      remaining[i]!--;
    }
    return { refused, remaining, resetMs };
  }

  /**
   * @nestjs/throttler's storage contract on the same sliding log: `ttl` is the window,
   * `blockDuration` (when positive) keeps a refused key refused that much longer.
   */
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.incrementSync(key, ttl, limit, blockDuration, throttlerName));
  }

  incrementSync(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    now = Date.now(),
  ): ThrottlerStorageRecord {
    const e = this.log(`t:${throttlerName}:${key}`, limit, ttl);
    const used = e.log.prune(now, ttl);
    if (e.blockedUntil > now || used >= limit) {
      if (blockDuration > 0 && e.blockedUntil <= now) e.blockedUntil = now + blockDuration;
      const until = Math.max(e.blockedUntil, e.log.freesAt(ttl, now));
      return {
        totalHits: limit + 1,
        timeToExpire: seconds(e.log.freesAt(ttl, now) - now),
        isBlocked: true,
        timeToBlockExpire: seconds(until - now),
      };
    }
    e.log.add(now);
    return {
      totalHits: used + 1,
      timeToExpire: seconds(e.log.freesAt(ttl, now) - now),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  sweep(now: number): void {
    for (const [key, e] of this.logs) {
      if (e.blockedUntil <= now && e.log.newest() <= now - e.windowMs) this.logs.delete(key);
    }
    for (const [key, q] of this.quotas) if (q.endsAt <= now) this.quotas.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private log(key: string, limit: number, windowMs: number): LogEntry {
    let e = this.logs.get(key);
    if (e === undefined || e.log.limit !== limit) {
      e = { log: new SlidingLog(limit), windowMs, blockedUntil: 0 };
      this.logs.set(key, e);
    }
    return e;
  }

  private quota(key: string, endsAt: number, now: number): QuotaCounter {
    let q = this.quotas.get(key);
    if (q === undefined || q.endsAt <= now) {
      q = { count: 0, endsAt };
      this.quotas.set(key, q);
    }
    return q;
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
