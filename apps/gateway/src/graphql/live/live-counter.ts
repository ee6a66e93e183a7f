import type { RequestEvent } from '@portico/contracts';

/** One second of traffic for a subscriber. */
export interface MetricsTick {
  at: string;
  requests: number;
  errors: number;
  avgLatencyMs: number;
}

/**
 * Counts request events into per-second ticks and hands them out as an async iterator (what a
 * GraphQL subscription resolver returns). Ticks queue while the client reads slowly, up to a bound.
 */
export class LiveCounter implements AsyncIterableIterator<MetricsTick> {
  private requests = 0;
  private errors = 0;
  private latency = 0;
  private readonly queue: MetricsTick[] = [];
  private waiting: ((r: IteratorResult<MetricsTick>) => void) | null = null;
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly accept: (e: RequestEvent) => boolean,
    private readonly onClose: () => void,
    intervalMs = 1000,
    private readonly maxQueued = 60,
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  add(e: RequestEvent): void {
    if (this.done || !this.accept(e)) return;
    this.requests++;
    if (e.status >= 400) this.errors++;
    this.latency += e.latencyMs;
  }

  private tick(): void {
    const tick: MetricsTick = {
      at: new Date().toISOString(),
      requests: this.requests,
      errors: this.errors,
      avgLatencyMs: this.requests > 0 ? Math.round((this.latency / this.requests) * 100) / 100 : 0,
    };
    this.requests = this.errors = this.latency = 0;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: tick, done: false });
    } else if (this.queue.length < this.maxQueued) {
      this.queue.push(tick);
    }
  }

  next(): Promise<IteratorResult<MetricsTick>> {
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<MetricsTick>> {
    if (!this.done) {
      this.done = true;
      clearInterval(this.timer);
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err: unknown): Promise<IteratorResult<MetricsTick>> {
    void this.return();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
