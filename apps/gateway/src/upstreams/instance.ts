import type { LoggerLike } from '@portico/contracts';
import { CircuitState, createCircuitBreaker, type CircuitBreakerPolicy } from '@portico/resilience';
import { Pool, type Dispatcher } from 'undici';
import type { Balanceable } from './balancers';
import type { UpstreamsConfig } from './config';
import { FailedStatus, isFailedStatus, isInstanceFailure } from './failures';

/** What an instance needs from its set: tuning, and where to report. */
export interface InstanceOptions {
  upstream: string;
  config: UpstreamsConfig;
  logger: LoggerLike;
  healthCheck?: { path: string; intervalMs: number; timeoutMs: number; unhealthyThreshold: number };
}

/** One circuit breaker of an instance, for one breaker configuration (routes may differ). */
export class InstanceBreaker {
  readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(
    readonly consecutiveFailures: number,
    readonly halfOpenAfterMs: number,
    onChange: (state: 'open' | 'half-open' | 'closed') => void,
  ) {
    this.policy = createCircuitBreaker(
      { consecutiveFailures, halfOpenAfterMs },
      {
        isFailure: isInstanceFailure,
        onBreak: () => {
          this.openedAt = Date.now();
          onChange('open');
        },
        onHalfOpen: () => onChange('half-open'),
        onReset: () => onChange('closed'),
      },
    );
  }

  /**
   * Whether a call would get through: closed, or open long enough for the half-open trial. While
   * the trial runs cockatiel would hold further calls until it ends, so those go elsewhere.
   */
  allows(now: number): boolean {
    const state = this.policy.state;
    if (state === CircuitState.Closed) return true;
    if (state === CircuitState.Open) return now - this.openedAt >= this.halfOpenAfterMs;
    return false;
  }

  get circuit(): 'closed' | 'open' | 'half-open' {
    const state = this.policy.state;
    return state === CircuitState.Closed
      ? 'closed'
      : state === CircuitState.HalfOpen
        ? 'half-open'
        : 'open';
  }
}

/**
 * One upstream instance: its keep-alive pool, load-balancing state, passive health (ejection),
 * active health checks and circuit breakers.
 */
export class UpstreamInstance implements Balanceable {
  inFlight = 0;
  currentWeight = 0;
  /** Consecutive failed requests (passive health). */
  failures = 0;
  /** Date.now() until which passive health keeps the instance out; 0 when admitted. */
  ejectedUntil = 0;
  /** Active health checks failed it (unhealthyThreshold in a row) and have not re-admitted it. */
  checkedDown = false;
  readonly pool: Pool;
  /** Decrements inFlight; one function per instance, attached to each response body's close. */
  readonly release = (): void => {
    this.inFlight--;
  };
  private breakers: InstanceBreaker[] = [];
  private checkFailures = 0;
  private checkSuccesses = 0;
  private checking = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    /** `host:port`, as reported in responses, health and metrics. */
    readonly address: string,
    /** Base URL (origin and optional base path): the instance's identity within its set. */
    readonly url: string,
    readonly origin: string,
    /** Path prefix of the target URL ('' or `/base`), put before every request path. */
    readonly basePath: string,
    public weight: number,
    private readonly opts: InstanceOptions,
  ) {
    const c = opts.config;
    this.pool = new Pool(origin, {
      connections: c.GATEWAY_UPSTREAM_CONNECTIONS,
      pipelining: 1,
      keepAliveTimeout: c.GATEWAY_UPSTREAM_KEEP_ALIVE_TIMEOUT_MS,
      keepAliveMaxTimeout: c.GATEWAY_UPSTREAM_KEEP_ALIVE_MAX_TIMEOUT_MS,
      connect: { timeout: c.GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS },
    });
    if (opts.healthCheck) {
      const interval = opts.healthCheck.intervalMs;
      this.timer = setInterval(() => void this.check(), interval);
      this.timer.unref();
      setImmediate(() => void this.check());
    }
  }

  /** The breaker for a configuration; created on first use and kept for the instance's life. */
  breakerFor(consecutiveFailures: number, halfOpenAfterMs: number): InstanceBreaker {
    const list = this.breakers;
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (b.consecutiveFailures === consecutiveFailures && b.halfOpenAfterMs === halfOpenAfterMs)
        return b;
    }
    const created = new InstanceBreaker(consecutiveFailures, halfOpenAfterMs, (state) =>
      this.opts.logger[state === 'open' ? 'warn' : 'info'](
        { upstream: this.opts.upstream, instance: this.address, circuit: state },
        `Upstream instance ${this.address}: circuit ${state}`,
      ),
    );
    list.push(created);
    return created;
  }

  /** Whether passive and active health admit the instance now (breakers are checked apart). */
  admitted(now: number): boolean {
    return !this.checkedDown && this.ejectedUntil <= now;
  }

  /** The request, through undici; a 502/503/504 answer is thrown as FailedStatus. */
  exchange(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
    return this.pool.request(options).then(checkStatus);
  }

  succeeded(): void {
    if (this.failures !== 0) this.failures = 0;
  }

  failed(now: number): void {
    const limit = this.opts.config.GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES;
    if (++this.failures < limit || this.ejectedUntil > now) return;
    this.ejectedUntil = now + this.opts.config.GATEWAY_UPSTREAM_EJECT_COOLDOWN_MS;
    // On probation once back: a single further failure ejects it again, a success clears it.
    this.failures = limit - 1;
    this.opts.logger.warn(
      { upstream: this.opts.upstream, instance: this.address, failures: limit },
      `Upstream instance ${this.address} ejected after ${limit} consecutive failures`,
    );
  }

  /** The primary (first-used) breaker's state, for health reports. */
  get circuit(): 'closed' | 'open' | 'half-open' {
    let worst: 'closed' | 'open' | 'half-open' = 'closed';
    for (const b of this.breakers) {
      const c = b.circuit;
      if (c === 'open') return c;
      if (c === 'half-open') worst = c;
    }
    return worst;
  }

  healthy(now: number): boolean {
    return this.admitted(now) && this.circuit !== 'open';
  }

  /** Stops checks; lets requests in flight finish (bounded by `graceMs`), then drops the pool. */
  async close(graceMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const graceful = this.pool.close().then(() => true);
    const late = new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), graceMs);
      timer.unref();
    });
    const done = await Promise.race([graceful, late]).catch(() => false);
    clearTimeout(timer);
    if (!done) await this.pool.destroy().catch(() => undefined);
  }

  private async check(): Promise<void> {
    const hc = this.opts.healthCheck;
    if (!hc || this.checking || this.closed) return;
    this.checking = true;
    let ok = false;
    try {
      const res = await this.pool.request({
        method: 'GET',
        path: this.basePath + hc.path,
        headersTimeout: hc.timeoutMs,
        bodyTimeout: hc.timeoutMs,
      });
      ok = res.statusCode >= 200 && res.statusCode < 400;
      await res.body.dump();
    } catch {
      // unreachable, refused or too slow: ok stays false
    } finally {
      this.checking = false;
    }
    if (!this.closed) this.recordCheck(ok, hc.unhealthyThreshold);
  }

  private recordCheck(ok: boolean, unhealthyThreshold: number): void {
    const log = { upstream: this.opts.upstream, instance: this.address };
    if (ok) {
      this.checkFailures = 0;
      if (!this.checkedDown) return;
      if (++this.checkSuccesses >= this.opts.config.GATEWAY_UPSTREAM_HEALTHY_THRESHOLD) {
        this.checkedDown = false;
        this.checkSuccesses = 0;
        // Checks vouch for it again: clear passive ejection too.
        this.ejectedUntil = 0;
        this.failures = 0;
        this.opts.logger.info(log, `Upstream instance ${this.address} passes health checks again`);
      }
      return;
    }
    this.checkSuccesses = 0;
    if (this.checkedDown) return;
    if (++this.checkFailures >= unhealthyThreshold) {
      this.checkedDown = true;
      this.checkFailures = 0;
      this.opts.logger.warn(
        { ...log, failedChecks: unhealthyThreshold },
        `Upstream instance ${this.address} failed ${unhealthyThreshold} health checks`,
      );
    }
  }
}

function checkStatus(res: Dispatcher.ResponseData): Dispatcher.ResponseData {
  if (isFailedStatus(res.statusCode)) throw new FailedStatus(res);
  return res;
}
