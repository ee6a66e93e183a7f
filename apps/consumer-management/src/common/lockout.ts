interface Entry {
  windowStart: number;
  failures: number;
  lockedUntil: number;
  /** Lock-outs so far: each one doubles the next lock's length. */
  locks: number;
}

export interface LockoutOptions {
  threshold: number;
  /** A different threshold for some subjects (client IPs, which many callers may share). */
  thresholdFor?: (subject: string) => number | undefined;
  windowMs: number;
  lockMs: number;
  maxLockMs: number;
  /** Entries kept at most (oldest dropped first), so a flood of addresses cannot exhaust memory. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Brute-force protection for credential checks: `threshold` failures of one subject (a key id, a
 * client id, a client IP) within `windowMs` lock that subject for `lockMs`, doubling with every
 * further lock-out up to `maxLockMs`. A locked subject is refused without checking the secret.
 */
export class Lockout {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly opts: LockoutOptions) {
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? 100_000;
  }

  /** Milliseconds until every given subject is unlocked (0 = none is locked). */
  lockedFor(subjects: readonly string[]): number {
    const now = this.now();
    let ms = 0;
    for (const s of subjects) {
      const e = this.entries.get(s);
      if (e && e.lockedUntil > now) ms = Math.max(ms, e.lockedUntil - now);
    }
    return ms;
  }

  /** Records a failed check against each subject. */
  fail(subjects: readonly string[]): void {
    const now = this.now();
    for (const s of subjects) {
      let e = this.entries.get(s);
      if (!e) {
        if (this.entries.size >= this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        e = { windowStart: now, failures: 0, lockedUntil: 0, locks: 0 };
        this.entries.set(s, e);
      }
      if (now - e.windowStart > this.opts.windowMs) {
        // A quiet period as long as the longest lock forgives earlier lock-outs.
        if (e.lockedUntil + this.opts.maxLockMs < now) e.locks = 0;
        e.windowStart = now;
        e.failures = 0;
      }
      e.failures++;
      if (e.failures >= (this.opts.thresholdFor?.(s) ?? this.opts.threshold)) {
        const ms = Math.min(this.opts.lockMs * 2 ** e.locks, this.opts.maxLockMs);
        e.lockedUntil = now + ms;
        e.locks++;
        e.failures = 0;
        e.windowStart = now;
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
