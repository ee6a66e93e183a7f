import { createPolicy, isTaskCancelledError, type ResiliencePolicy } from '@portico/resilience';
import { type Dispatcher, request } from 'undici';
import type { Authenticator } from './authenticators/authenticator';
import { ConnectorHttpError, parseRetryAfter } from './errors';
import type { SlidingWindowLimiter } from './rate-limiter';
import { Redactor } from './redactor';

export interface ClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: {
    maxAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
    maxRetryAfterSeconds: number;
  };
  authenticator: Authenticator;
  limiter: SlidingWindowLimiter;
  dispatcher: Dispatcher;
  redactor: Redactor;
}

export interface CallOptions {
  method?: string;
  /** A path below the base URL, or an absolute URL (e.g. a Link header's next page). */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Called for every failed attempt that will be retried (error history, attempt logs). */
  onRetry?: (err: ConnectorHttpError, attempt: number) => void;
  /** Called after each HTTP exchange, failed or not. */
  onAttempt?: (a: {
    attempt: number;
    status: number | null;
    durationMs: number;
    error?: string;
  }) => void;
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The URL called, credentials redacted. */
  url: string;
  retries: number;
}

const EXCERPT = 500;
/** A page larger than this is refused rather than held in memory. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const USER_AGENT = 'portico-integration-connectors/0.1';

/**
 * One connection's HTTP client: every call waits for the connection's rate limiter, carries its
 * authenticator (one immediate retry with fresh credentials after a 401), and is retried on 429,
 * 5xx, timeouts and network errors with exponential backoff and jitter, or after exactly the
 * Retry-After the provider asked for. Other 4xx fail at once with the response in the error.
 * Redirects are not followed; every socket goes through the egress guard's dispatcher.
 */
export class ConnectorClient {
  private readonly base: URL;

  constructor(private readonly opts: ClientOptions) {
    this.base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
  }

  /** Built per call so that concurrent calls (actions) each get their own retry hooks. */
  private policy(
    onRetry: (err: ConnectorHttpError, attempt: number) => void,
    shown: string,
  ): ResiliencePolicy {
    const { retry, timeoutMs } = this.opts;
    return createPolicy(
      {
        timeoutMs,
        retry: {
          maxAttempts: retry.maxAttempts,
          initialDelayMs: retry.initialDelayMs,
          maxDelayMs: Math.max(retry.maxDelayMs, retry.initialDelayMs),
        },
      },
      {
        shouldRetry: (err) =>
          err instanceof ConnectorHttpError ? err.retryable : isTaskCancelledError(err),
        retryDelayMs: (err) =>
          err instanceof ConnectorHttpError ? err.opts.retryAfterMs : undefined,
        onRetry: (e) => onRetry(this.toHttpError(e.error, shown), e.attempt),
      },
    );
  }

  get origin(): string {
    return this.base.origin;
  }

  resolve(path: string): URL {
    if (/^https?:\/\//i.test(path)) return new URL(path);
    // Paths are relative to the base URL's path: base https://x/v1 + /items = https://x/v1/items.
    return new URL(path.replace(/^\//, ''), this.base);
  }

  async call(call: CallOptions): Promise<CallResult> {
    let retries = 0;
    const url = this.resolve(call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const shown = this.opts.redactor.url(url);
    const onRetry = (err: ConnectorHttpError, attempt: number) => {
      retries++;
      call.onRetry?.(err, attempt);
    };
    try {
      const result = await this.policy(onRetry, shown).execute(
        ({ signal, attempt }) => this.exchange(call, new URL(url), shown, signal, attempt + 1),
        call.signal,
      );
      return { ...result, retries };
    } catch (err) {
      throw this.toHttpError(err, shown);
    }
  }

  private async exchange(
    call: CallOptions,
    url: URL,
    shown: string,
    signal: AbortSignal,
    attempt: number,
  ): Promise<Omit<CallResult, 'retries'>> {
    const method = call.method ?? 'GET';
    let refreshed = false;
    for (;;) {
      const target = new URL(url);
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        ...lower(this.opts.headers),
        ...lower(call.headers ?? {}),
      };
      await this.opts.authenticator.apply({ url: target, headers }, signal);
      let body: string | undefined;
      if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers['content-type'] ??= 'application/json';
      }
      // Taken last, right before the request, and always given back (done) whatever happens.
      const slot = await this.opts.limiter.acquire();
      const started = performance.now();
      let res: Dispatcher.ResponseData;
      try {
        res = await request(target, {
          method: method as Dispatcher.HttpMethod,
          headers,
          ...(body !== undefined ? { body } : {}),
          dispatcher: this.opts.dispatcher,
          signal,
        });
      } catch (err) {
        slot.done();
        call.onAttempt?.({
          attempt,
          status: null,
          durationMs: Math.round(performance.now() - started),
          error: this.opts.redactor.text(errorMessage(err)),
        });
        throw err;
      }
      slot.done();
      const status = res.statusCode;
      if (status === 401 && !refreshed && this.opts.authenticator.invalidate()) {
        await res.body.dump();
        refreshed = true;
        continue;
      }
      if (status >= 200 && status < 300) {
        const declared = Number(header(res.headers, 'content-length') ?? NaN);
        // Bodies announcing an acceptable size are read in one go; others are counted as they come.
        const text =
          declared <= MAX_RESPONSE_BYTES
            ? await res.body.text()
            : await readCapped(res.body, MAX_RESPONSE_BYTES, `${method} ${shown}`);
        const durationMs = Math.round(performance.now() - started);
        call.onAttempt?.({ attempt, status, durationMs });
        let parsed: unknown = null;
        if (text.length > 0) {
          try {
            parsed = JSON.parse(text);
          } catch {
            throw new ConnectorHttpError(
              'response',
              `${method} ${shown} answered ${status} with a body that is not JSON`,
              { status },
            );
          }
        }
        return { status, headers: res.headers, body: parsed, url: shown };
      }
      const raw = await readCapped(res.body, 64 * 1024, '', true).catch(() => '');
      const excerpt = this.opts.redactor.text(raw.slice(0, EXCERPT));
      const err = this.statusError(method, shown, status, res.headers, excerpt);
      call.onAttempt?.({
        attempt,
        status,
        durationMs: Math.round(performance.now() - started),
        error: err.message,
      });
      throw err;
    }
  }

  private statusError(
    method: string,
    shown: string,
    status: number,
    headers: Record<string, string | string[] | undefined>,
    excerpt: string,
  ): ConnectorHttpError {
    const base = `${method} ${shown} answered ${status}${excerpt ? `: ${excerpt}` : ''}`;
    if (status === 429 || status === 503) {
      const after = parseRetryAfter(header(headers, 'retry-after'));
      const tooLong = after !== undefined && after > this.opts.retry.maxRetryAfterSeconds * 1000;
      return new ConnectorHttpError(
        status === 429 ? 'rate_limited' : 'http_5xx',
        tooLong ? `${base} (Retry-After ${after / 1000}s is longer than allowed)` : base,
        {
          status,
          retryable: !tooLong,
          ...(after !== undefined && !tooLong ? { retryAfterMs: after } : {}),
        },
      );
    }
    if (status >= 500) return new ConnectorHttpError('http_5xx', base, { status, retryable: true });
    if (status >= 300 && status < 400) {
      return new ConnectorHttpError('response', `${base} (redirects are not followed)`, { status });
    }
    return new ConnectorHttpError(status === 401 || status === 403 ? 'auth' : 'http_4xx', base, {
      status,
    });
  }

  private toHttpError(err: unknown, shown: string): ConnectorHttpError {
    if (err instanceof ConnectorHttpError) return err;
    if (isTaskCancelledError(err)) {
      return new ConnectorHttpError(
        'timeout',
        `${shown} did not answer within ${this.opts.timeoutMs} ms`,
        {
          retryable: true,
          cause: err,
        },
      );
    }
    if (err instanceof Error && err.name === 'PorticoError') {
      return new ConnectorHttpError('egress', this.opts.redactor.text(err.message), { cause: err });
    }
    const cause = (err as { cause?: unknown })?.cause;
    if (cause instanceof Error && cause.name === 'PorticoError') {
      return new ConnectorHttpError('egress', this.opts.redactor.text(cause.message), { cause });
    }
    return new ConnectorHttpError(
      'network',
      this.opts.redactor.text(`${shown}: ${errorMessage(err)}`),
      {
        retryable: true,
        cause: err,
      },
    );
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

/** Reads a body as UTF-8; past `max` bytes it refuses it, or keeps only the start (`truncate`). */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  max: number,
  what: string,
  truncate = false,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      if (truncate) break;
      throw new ConnectorHttpError('response', `${what} answered with more than ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
