import {
  CircuitState,
  createCircuitBreaker,
  isBrokenCircuitError,
  type CircuitBreakerPolicy,
} from '@portico/resilience';

interface Breaker {
  policy: CircuitBreakerPolicy;
  openedAt: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Deliveries already pushed back in the current second, to spread them out. */
  deferred: number;
  deferredWindow: number;
}

class AttemptFailed extends Error {}

/**
 * Per-endpoint protection of receivers, in this instance: a circuit breaker (cockatiel) that stops
 * sending to an endpoint after consecutive failures and lets one trial through after a pause, and a
 * token bucket for the endpoint's messages-per-second limit. Both answer "not now, in N ms" so the
 * worker can put the delivery back without spending an attempt.
 */
export class EndpointThrottle {
  private readonly breakers = new Map<string, Breaker>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: { breakerFailures: number; breakerOpenMs: number }) {}

  /** Milliseconds until a token is free for this endpoint (0 = send now, and the token is taken). */
  rateLimitWait(endpointId: string, perSecond: number | null): number {
    if (!perSecond) return 0;
    const now = Date.now();
    let b = this.buckets.get(endpointId);
    if (!b) {
      b = { tokens: perSecond, updatedAt: now, deferred: 0, deferredWindow: now };
      this.buckets.set(endpointId, b);
    }
    b.tokens = Math.min(perSecond, b.tokens + ((now - b.updatedAt) / 1000) * perSecond);
    b.updatedAt = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    if (now - b.deferredWindow >= 1000) {
      b.deferred = 0;
      b.deferredWindow = now;
    }
    b.deferred++;
    return Math.ceil(((1 - b.tokens + b.deferred - 1) / perSecond) * 1000);
  }

  /**
   * Runs one attempt through the endpoint's breaker. `wait` is set when the breaker is open: how
   * long until it lets a trial through.
   */
  async run<T extends { succeeded: boolean }>(
    endpointId: string,
    attempt: () => Promise<T>,
  ): Promise<{ result: T } | { wait: number }> {
    const breaker = this.breakerOf(endpointId);
    let result: T | undefined;
    try {
      await breaker.policy.execute(async () => {
        result = await attempt();
        if (!result.succeeded) throw new AttemptFailed();
      });
    } catch (err) {
      if (isBrokenCircuitError(err)) {
        const wait = breaker.openedAt + this.opts.breakerOpenMs - Date.now();
        return { wait: Math.max(wait, 100) };
      }
      if (!(err instanceof AttemptFailed)) throw err;
    }
    return { result: result! };
  }

  state(endpointId: string): CircuitState {
    return this.breakers.get(endpointId)?.policy.state ?? CircuitState.Closed;
  }

  private breakerOf(endpointId: string): Breaker {
    let b = this.breakers.get(endpointId);
    if (!b) {
      const entry: Breaker = {
        openedAt: 0,
        policy: createCircuitBreaker(
          {
            consecutiveFailures: this.opts.breakerFailures,
            halfOpenAfterMs: this.opts.breakerOpenMs,
          },
          { onBreak: () => (entry.openedAt = Date.now()) },
        ),
      };
      b = entry;
      this.breakers.set(endpointId, b);
    }
    return b;
  }
}
