export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A request's place in the window, held from its start until `done()` (its response arrived). */
export interface Slot {
  done(): void;
}

/**
 * Sliding-window limits (per second and per minute) for one connection, shared by all its streams
 * and actions in this process: a log of the start times of the last minute's requests. A request
 * waits until fewer than the limit happened within any trailing window. A request counts as
 * happening until its response arrives (`done()`), and from then on at that time: the provider
 * received it no later than that, so however long it travelled or waited in our event loop, two
 * requests a window apart by our clock are a window apart at the provider too. `guardMs` widens the
 * windows slightly for clock granularity.
 */
export class SlidingWindowLimiter {
  private slots: Array<{ t: number; inFlight: boolean }> = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: { perSecond?: number | undefined; perMinute?: number | undefined },
    private readonly clock: Clock = systemClock,
    private readonly guardMs = 25,
  ) {}

  get active(): boolean {
    return this.limits.perSecond !== undefined || this.limits.perMinute !== undefined;
  }

  /** Resolves when a request may start (and counts it). Callers are served in arrival order. */
  acquire(): Promise<Slot> {
    if (!this.active) return Promise.resolve({ done: () => undefined });
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<Slot> {
    for (;;) {
      const now = this.clock.now();
      this.slots = this.slots.filter((s) => s.inFlight || s.t > now - 60_000 - this.guardMs);
      // A request still in flight may reach the provider at any moment: it counts as now.
      const times = this.slots.map((s) => (s.inFlight ? now : s.t)).sort((a, b) => b - a);
      const wait = Math.max(
        this.waitFor(times, now, this.limits.perSecond, 1000 + this.guardMs),
        this.waitFor(times, now, this.limits.perMinute, 60_000 + this.guardMs),
      );
      if (wait <= 0) {
        const slot = { t: now, inFlight: true };
        this.slots.push(slot);
        return {
          done: () => {
            slot.t = this.clock.now();
            slot.inFlight = false;
          },
        };
      }
      await this.clock.sleep(wait);
    }
  }

  /** How long until a request may start under one limit (0 = now); `times` newest first. */
  private waitFor(
    times: number[],
    now: number,
    limit: number | undefined,
    windowMs: number,
  ): number {
    if (limit === undefined) return 0;
    const inWindow = times.filter((t) => t > now - windowMs).length;
    if (inWindow < limit) return 0;
    return times[limit - 1]! + windowMs - now + 1;
  }
}
