import { isBrokenCircuitError } from '@portico/resilience';
import type { Dispatcher } from 'undici';

/**
 * A 502/503/504 answer, thrown inside the breaker so it counts as a failure of the instance; the
 * set unwraps it to retry elsewhere or to pass the answer through. Not an Error: no stack to build.
 */
export class FailedStatus {
  constructor(readonly response: Dispatcher.ResponseData) {}
}

export function isFailedStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

/** Why an attempt failed, which decides retry and health accounting. */
export type Failure =
  | 'timeout' // no answer in time: counts against the instance, retried if idempotent
  | 'refused' // never reached the instance (nothing sent): counts, always retryable
  | 'broken' // the connection broke mid-exchange: counts, retried if idempotent
  | 'status' // 502/503/504: counts, retried if idempotent
  | 'circuit' // the breaker refused before sending: does not count, always retryable
  | 'local'; // the request itself is bad (e.g. an invalid header): not the instance's fault

const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'UPSTREAM_ATTEMPT_TIMEOUT',
]);

/** The reason an attempt's own timer aborts it with (see GATEWAY_UPSTREAM_PRECISE_TIMEOUT_BELOW_MS). */
export class AttemptTimeout extends Error {
  readonly code = 'UPSTREAM_ATTEMPT_TIMEOUT';
}

/**
 * A precise per-attempt deadline that undici accepts as the request's `signal`. undici takes any
 * object with `on`/`once`/`removeListener` there; this one costs a timer and a small object, where
 * an AbortController measured several times slower per request (EventTarget listeners, closures).
 */
export class AttemptDeadline {
  aborted = false;
  reason: AttemptTimeout | null = null;
  private listener: (() => void) | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(expire, ms, this);
  }

  on(): this {
    return this;
  }

  once(_event: string, listener: () => void): this {
    this.listener = listener;
    return this;
  }

  removeListener(): this {
    this.listener = null;
    return this;
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  expire(): void {
    this.aborted = true;
    this.reason = new AttemptTimeout('The upstream did not answer in time');
    const listener = this.listener;
    this.listener = null;
    listener?.();
  }
}

/** setTimeout callback: module-level, so arming a deadline allocates no closure. */
function expire(deadline: AttemptDeadline): void {
  deadline.expire();
}

export function classify(err: unknown): Failure {
  if (err instanceof FailedStatus) return 'status';
  if (isBrokenCircuitError(err)) return 'circuit';
  const e = err as { code?: unknown; errors?: Array<{ code?: unknown }> } | null;
  // Happy-eyeballs connects fail with an AggregateError of per-address errors.
  const code = e?.code ?? e?.errors?.[0]?.code;
  if (typeof code !== 'string') return 'local';
  if (TIMEOUTS.has(code)) return 'timeout';
  if (NOT_SENT.has(code)) return 'refused';
  if (
    code.startsWith('UND_ERR_INVALID') ||
    code === 'UND_ERR_NOT_SUPPORTED' ||
    code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH'
  )
    return 'local';
  return 'broken';
}

/** Whether an error thrown through a breaker is the instance failing (not the request). */
export function isInstanceFailure(err: unknown): boolean {
  const f = classify(err);
  return f !== 'local' && f !== 'circuit';
}
