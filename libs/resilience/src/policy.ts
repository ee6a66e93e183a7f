import {
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  halfJitterGenerator,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IDefaultPolicyContext,
  type IPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';

export interface RetryConfig {
  /** Total calls including the first one; 1 means "never retry". */
  maxAttempts: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface CircuitBreakerConfig {
  /** Consecutive failures that open the circuit. */
  consecutiveFailures: number;
  /** How long the circuit stays open before one trial call is let through. */
  halfOpenAfterMs: number;
}

export interface BulkheadConfig {
  maxConcurrent: number;
  /** Calls allowed to wait for a slot; beyond that they are rejected. Default 0. */
  maxQueue?: number;
}

export interface ResilienceConfig {
  timeoutMs?: number;
  retry?: RetryConfig;
  circuitBreaker?: CircuitBreakerConfig;
  bulkhead?: BulkheadConfig;
}

export const DEFAULT_RETRY_INITIAL_DELAY_MS = 100;
export const DEFAULT_RETRY_MAX_DELAY_MS = 2_000;

export const DEFAULT_RESILIENCE = deepFreeze({
  timeoutMs: 30_000,
  retry: {
    maxAttempts: 3,
    initialDelayMs: DEFAULT_RETRY_INITIAL_DELAY_MS,
    maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
  },
  circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
}) satisfies ResilienceConfig;

/** What the function run through a policy receives. */
export interface PolicyContext extends IDefaultPolicyContext {
  /** Aborted when the timeout fires or the caller's signal aborts: pass it to fetch and friends. */
  signal: AbortSignal;
  /** 0 for the first call, 1 for the first retry, ... */
  attempt: number;
}

export interface BreakerHooks {
  /** Which errors count as failures of the protected resource; default: every error. */
  isFailure?: (err: unknown) => boolean;
  onBreak?: (reason: { error?: unknown; isolated?: boolean }) => void;
  onReset?: () => void;
  onHalfOpen?: () => void;
}

export interface PolicyOptions extends BreakerHooks {
  /** Which errors are worth another attempt; default: every error. */
  shouldRetry?: (err: unknown) => boolean;
  onRetry?: (event: { attempt: number; delayMs: number; error: unknown }) => void;
  /**
   * A delay the failed call itself asks for (e.g. an HTTP Retry-After), used instead of the
   * exponential backoff for that retry; undefined keeps the backoff.
   */
  retryDelayMs?: (err: unknown) => number | undefined;
}

export interface ResiliencePolicy extends IPolicy<PolicyContext> {
  /** Present when the config has a circuit breaker, e.g. to report its state. */
  readonly breaker?: CircuitBreakerPolicy;
}

/**
 * Builds bulkhead -> circuit breaker -> retry -> timeout, outermost first. The breaker sits outside
 * the retry so one logical call that exhausted its retries counts as one failure, and the timeout
 * sits inside so each attempt gets the full budget.
 */
export function createPolicy(config: ResilienceConfig, opts: PolicyOptions = {}): ResiliencePolicy {
  const layers: IPolicy<IDefaultPolicyContext, never>[] = [];
  if (config.bulkhead) {
    const { maxConcurrent, maxQueue = 0 } = config.bulkhead;
    assertPositiveInt('bulkhead.maxConcurrent', maxConcurrent);
    assertNonNegativeInt('bulkhead.maxQueue', maxQueue);
    layers.push(bulkhead(maxConcurrent, maxQueue));
  }
  const breaker = config.circuitBreaker
    ? createCircuitBreaker(config.circuitBreaker, opts)
    : undefined;
  if (breaker) layers.push(breaker);
  layers.push(createRetry(config.retry ?? { maxAttempts: 1 }, opts));
  if (config.timeoutMs !== undefined) layers.push(createTimeout(config.timeoutMs));

  const merged = wrap(...layers) as unknown as IPolicy<PolicyContext>;
  return Object.assign(merged, { breaker });
}

/** A standalone breaker, e.g. one per upstream instance, shared across calls to that instance. */
export function createCircuitBreaker(
  cfg: CircuitBreakerConfig,
  hooks: BreakerHooks = {},
): CircuitBreakerPolicy {
  assertPositiveInt('circuitBreaker.consecutiveFailures', cfg.consecutiveFailures);
  assertNonNegativeInt('circuitBreaker.halfOpenAfterMs', cfg.halfOpenAfterMs);
  const filter = hooks.isFailure ? handleWhen(hooks.isFailure) : handleAll;
  const breaker = circuitBreaker(filter, {
    halfOpenAfter: cfg.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(cfg.consecutiveFailures),
  });
  if (hooks.onBreak) {
    const onBreak = hooks.onBreak;
    breaker.onBreak((reason) =>
      onBreak('isolated' in reason ? { isolated: true } : errorOf(reason)),
    );
  }
  if (hooks.onReset) breaker.onReset(hooks.onReset);
  if (hooks.onHalfOpen) breaker.onHalfOpen(hooks.onHalfOpen);
  return breaker;
}

function createRetry(cfg: RetryConfig, opts: PolicyOptions) {
  assertPositiveInt('retry.maxAttempts', cfg.maxAttempts);
  const initialDelay = cfg.initialDelayMs ?? DEFAULT_RETRY_INITIAL_DELAY_MS;
  const maxDelay = cfg.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  assertNonNegativeInt('retry.initialDelayMs', initialDelay);
  if (maxDelay < initialDelay) {
    throw new RangeError(
      `retry.maxDelayMs (${maxDelay}) must be >= retry.initialDelayMs (${initialDelay})`,
    );
  }
  const filter = opts.shouldRetry ? handleWhen(opts.shouldRetry) : handleAll;
  // Exponential backoff with "equal jitter": retry n waits a random time in [base / 2, base),
  // base = min(maxDelay, initialDelay * 2^n). Unlike full or decorrelated jitter, each delay is then
  // longer than the one before until the cap, while concurrent callers still spread out.
  const exponential = new ExponentialBackoff({
    generator: halfJitterGenerator,
    initialDelay,
    maxDelay,
  });
  const policy = retry(filter, {
    // cockatiel counts retries, our config counts calls.
    maxAttempts: cfg.maxAttempts - 1,
    backoff: opts.retryDelayMs ? withRequestedDelay(exponential, opts.retryDelayMs) : exponential,
  });
  if (opts.onRetry) {
    const onRetry = opts.onRetry;
    policy.onRetry((e) =>
      onRetry({ attempt: e.attempt, delayMs: e.delay, error: 'error' in e ? e.error : undefined }),
    );
  }
  return policy;
}

/**
 * Cooperative timeout: the attempt's signal aborts and the function is expected to give up. What the
 * function then throws (fetch's AbortError, a driver's own error, ...) is replaced by cockatiel's
 * TaskCancelledError, so callers have one error to map to UPSTREAM_TIMEOUT. A caller's own abort is
 * passed through unchanged.
 */
function createTimeout(ms: number): IPolicy<IDefaultPolicyContext, never> {
  assertPositiveInt('timeoutMs', ms);
  const inner = timeout(ms, TimeoutStrategy.Cooperative);
  return {
    _altReturn: undefined as never,
    onSuccess: inner.onSuccess,
    onFailure: inner.onFailure,
    execute<T>(fn: (ctx: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal) {
      return inner.execute(async (ctx) => {
        try {
          return await fn(ctx);
        } catch (err) {
          if (ctx.signal.aborted && !signal?.aborted && !(err instanceof TaskCancelledError)) {
            const timedOut = new TaskCancelledError(`Operation timed out after ${ms}ms`);
            Object.defineProperty(timedOut, 'cause', { value: err, enumerable: false });
            throw timedOut;
          }
          throw err;
        }
      }, signal);
    },
  };
}

type RetryBackoff = IBackoff<IRetryBackoffContext<unknown>>;

/** Wraps a backoff so that a delay requested by the error (Retry-After) wins for that retry. */
function withRequestedDelay(
  base: IBackoffFactory<IRetryBackoffContext<unknown>>,
  requested: (err: unknown) => number | undefined,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const wrap = (
    inner: RetryBackoff | undefined,
  ): IBackoffFactory<IRetryBackoffContext<unknown>> => ({
    next(ctx): RetryBackoff {
      const nextInner = inner ? inner.next(ctx) : base.next(ctx);
      const asked = 'error' in ctx.result ? requested(ctx.result.error) : undefined;
      const duration = asked !== undefined && asked >= 0 ? asked : nextInner.duration;
      return { ...wrap(nextInner), duration };
    },
  });
  return wrap(undefined);
}

function errorOf(reason: { error: unknown } | { value: unknown }): { error?: unknown } {
  return 'error' in reason ? { error: reason.error } : {};
}

function assertPositiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1)
    throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

function assertNonNegativeInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
