import type { LoggerLike } from '@portico/contracts';
import type { HealthServiceOptions, HealthServiceResult } from './consul-client';
import { freezeInstances, sameInstances } from './instance';
import type { InstancesListener, ServiceInstance } from './types';

/** What a watch needs from Consul; ConsulClient is one, tests pass fakes. */
export interface HealthSource {
  healthService(name: string, opts: HealthServiceOptions): Promise<HealthServiceResult>;
}

export interface WatchTuning {
  waitSeconds: number;
  /** Token bucket for the loop: `burst` quick requests, then one per `intervalMs`. */
  rateLimit: { burst: number; intervalMs: number };
  /** Exponential backoff (with jitter) after failed requests. */
  errorBackoff: { initialMs: number; maxMs: number };
}

/**
 * One background blocking-query loop for one service name: keeps the last good list of healthy
 * instances, tells listeners when it changes, and keeps serving that list while Consul is away.
 */
export class ServiceWatch {
  private instances?: readonly ServiceInstance[];
  private index = 0;
  private failures = 0;
  private lastError?: Error;
  private attempting = false;
  private waiters: Array<{ resolve: (v: ServiceInstance[]) => void; reject: (e: Error) => void }> =
    [];
  private readonly listeners = new Set<InstancesListener>();
  private readonly bucket: TokenBucket;
  readonly done: Promise<void>;

  constructor(
    readonly service: string,
    private readonly source: HealthSource,
    private readonly tuning: WatchTuning,
    private readonly signal: AbortSignal,
    private readonly logger: LoggerLike,
  ) {
    this.bucket = new TokenBucket(tuning.rateLimit.burst, tuning.rateLimit.intervalMs);
    this.done = this.run();
  }

  /** The cached instances; before the first answer, waits for it. */
  current(): Promise<ServiceInstance[]> {
    if (this.instances) return Promise.resolve([...this.instances]);
    if (this.signal.aborted) return Promise.reject(new Error('Discovery is closed'));
    // Between failed attempts, fail fast rather than hold the caller for the whole backoff.
    if (this.lastError && !this.attempting) return Promise.reject(this.lastError);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  subscribe(listener: InstancesListener): () => void {
    this.listeners.add(listener);
    const known = this.instances;
    if (known) queueMicrotask(() => this.listeners.has(listener) && this.call(listener, known));
    return () => this.listeners.delete(listener);
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      await this.bucket.take(this.signal);
      if (this.signal.aborted) break;
      this.attempting = true;
      try {
        const res = await this.source.healthService(this.service, {
          passing: true,
          index: this.index,
          waitSeconds: this.tuning.waitSeconds,
          signal: this.signal,
        });
        this.attempting = false;
        this.succeeded(res);
      } catch (err) {
        this.attempting = false;
        if (this.signal.aborted) break;
        await this.failed(err);
      }
    }
    this.listeners.clear();
    this.settleWaiters(new Error('Discovery is closed'));
  }

  private succeeded(res: HealthServiceResult): void {
    if (this.lastError) {
      this.logger.info(
        { service: this.service, failures: this.failures },
        'Consul is answering again',
      );
    }
    this.failures = 0;
    this.lastError = undefined;
    // Consul's rules for blocking loops: an index that went backwards (snapshot restore, upgrade)
    // means start over from 0; otherwise never block on an index below 1, or we would spin.
    this.index = res.index < this.index ? 0 : Math.max(1, res.index);

    const next = freezeInstances(res.instances.filter((i) => i.healthy));
    const prev = this.instances;
    this.instances = next;
    this.settleWaiters();
    if (prev && sameInstances(prev, next)) return;
    this.logger.debug(
      { service: this.service, instances: next.length },
      'Service instances changed',
    );
    for (const listener of [...this.listeners]) this.call(listener, next);
  }

  private async failed(err: unknown): Promise<void> {
    this.failures++;
    // Not instanceof: errors from fetch can come from another realm.
    const errorLike = typeof (err as { message?: unknown } | null)?.message === 'string';
    this.lastError = errorLike ? (err as Error) : new Error(String(err));
    const delay = backoff(this.failures, this.tuning.errorBackoff);
    this.logger.warn(
      {
        service: this.service,
        failures: this.failures,
        retryInMs: delay,
        err: this.lastError.message,
      },
      this.instances
        ? 'Consul query failed; serving the last known instances'
        : 'Consul query failed',
    );
    if (!this.instances) this.settleWaiters(this.lastError);
    await sleep(delay, this.signal);
  }

  private settleWaiters(err?: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (this.instances) w.resolve([...this.instances]);
      else w.reject(err ?? new Error('Discovery is closed'));
    }
  }

  private call(listener: InstancesListener, instances: readonly ServiceInstance[]): void {
    try {
      listener([...instances]);
    } catch (err) {
      this.logger.error({ service: this.service, err }, 'A discovery listener threw');
    }
  }
}

/** Exponential backoff with "equal jitter": a random delay in [base / 2, base]. */
function backoff(failures: number, cfg: { initialMs: number; maxMs: number }): number {
  const base = Math.min(cfg.maxMs, cfg.initialMs * 2 ** (failures - 1));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

/**
 * Consul asks blocking loops to rate-limit rather than sleep: quick successive requests are fine
 * (burst), but under churn the loop degrades to polling at a steady rate instead of spinning.
 */
class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly burst: number,
    private readonly intervalMs: number,
  ) {
    this.tokens = burst;
  }

  async take(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) / this.intervalMs);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    const wait = (1 - this.tokens) * this.intervalMs;
    await sleep(wait, signal);
    this.tokens = 0;
    this.last = Date.now();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
