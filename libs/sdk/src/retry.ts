export interface RetryOptions {
  /** Extra attempts after the first (default 2; 0 disables retrying). */
  retries: number;
  /** First backoff delay; doubles each attempt, with jitter (default 200 ms). */
  baseDelayMs: number;
  /** Longest wait, for backoff and for a server's Retry-After alike (default 30 s). */
  maxDelayMs: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_IDEMPOTENT = new Set([429, 502, 503, 504]);

/**
 * Seconds or an HTTP date (RFC 9110 §10.2.3) to milliseconds from now; undefined when absent or
 * unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether an answer is worth another attempt. Idempotent requests are retried on 429, 502, 503,
 * 504 and network failures; others only on 429, which says the request was not processed.
 */
export function shouldRetry(method: string, status: number | 'network-error'): boolean {
  const idempotent = IDEMPOTENT.has(method.toUpperCase());
  if (status === 'network-error') return idempotent;
  return idempotent ? RETRYABLE_IDEMPOTENT.has(status) : status === 429;
}

export function backoffMs(attempt: number, opts: RetryOptions, random = Math.random): number {
  const exp = opts.baseDelayMs * 2 ** attempt;
  return Math.min(opts.maxDelayMs, exp / 2 + random() * (exp / 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fetch that retries as above, waiting Retry-After when the server sends one. */
export function retryingFetch(inner: typeof fetch, opts: RetryOptions): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      // A body can be read once: every attempt sends a fresh copy.
      const attemptRequest = attempt < opts.retries ? request.clone() : request;
      let response: Response;
      try {
        response = await inner(attemptRequest);
      } catch (err) {
        if (attempt >= opts.retries || !shouldRetry(request.method, 'network-error')) throw err;
        await sleep(backoffMs(attempt, opts));
        continue;
      }
      if (attempt >= opts.retries || !shouldRetry(request.method, response.status)) {
        return response;
      }
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (wait !== undefined && wait > opts.maxDelayMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait ?? backoffMs(attempt, opts));
    }
  };
}
