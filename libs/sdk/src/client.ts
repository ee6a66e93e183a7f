import createClient, { type Client } from 'openapi-fetch';
import { PorticoApiError } from './errors';
import type { paths } from './generated/portico';
import { paginate, type ListPath, type PaginateOptions } from './pagination';
import { retryingFetch, type RetryOptions } from './retry';

export interface PorticoClientOptions {
  /** The gateway's URL (or one service's, for its own endpoints), e.g. `https://api.example.com`. */
  baseUrl: string;
  /** Sent as `X-API-Key`. */
  apiKey?: string;
  /** Sent as `Authorization: Bearer …`; a function is called per request (token refresh). */
  bearerToken?: string | (() => string | Promise<string>);
  /** Extra attempts for retryable answers (see retry.ts); default 2, 0 disables. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Longest wait between attempts, Retry-After included; a longer Retry-After is not waited. */
  maxRetryDelayMs?: number;
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** What every openapi-fetch call resolves to. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface PorticoClient {
  /** The typed openapi-fetch client: `api.GET('/api/v1/apis/{api}', { params: { path: { api } } })`. */
  api: Client<paths>;
  /** The `data` of a success envelope, or a thrown PorticoApiError. */
  unwrap<T = unknown>(call: Promise<FetchResult>): Promise<T>;
  /** Every item of a paginated list endpoint, fetching pages as the loop advances. */
  paginate<T = unknown>(path: ListPath, options?: PaginateOptions): AsyncGenerator<T, void>;
}

export function createPorticoClient(opts: PorticoClientOptions): PorticoClient {
  if (opts.apiKey && opts.bearerToken) {
    throw new Error('createPorticoClient: give apiKey or bearerToken, not both');
  }
  const retry: RetryOptions = {
    retries: opts.retries ?? 2,
    baseDelayMs: opts.retryBaseDelayMs ?? 200,
    maxDelayMs: opts.maxRetryDelayMs ?? 30_000,
  };
  const api = createClient<paths>({
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    fetch: retryingFetch(opts.fetch ?? ((input, init) => globalThis.fetch(input, init)), retry),
    ...(opts.headers ? { headers: opts.headers } : {}),
  });
  api.use({
    async onRequest({ request }) {
      if (opts.apiKey) request.headers.set('x-api-key', opts.apiKey);
      if (opts.bearerToken) {
        const token =
          typeof opts.bearerToken === 'function' ? await opts.bearerToken() : opts.bearerToken;
        request.headers.set('authorization', `Bearer ${token}`);
      }
      return request;
    },
  });

  const unwrap = async <T>(call: Promise<FetchResult>): Promise<T> => {
    const { data, error, response } = await call;
    if (!response.ok) throw PorticoApiError.from(response, error);
    const envelope = data as { status?: unknown; data?: unknown } | undefined;
    return (envelope && envelope.status === 'success' ? envelope.data : data) as T;
  };

  return {
    api,
    unwrap,
    paginate: <T>(path: ListPath, options?: PaginateOptions) => paginate<T>(api, path, options),
  };
}
