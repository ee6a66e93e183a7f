import type { ConnectorErrorKind } from '@portico/contracts';

/**
 * A failed call to a third-party API, classified for retries and for the error history. The
 * message is written for the tenant reading the history: method, URL (credentials redacted), status
 * and an excerpt of the response.
 */
export class ConnectorHttpError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly opts: {
      status?: number;
      retryable?: boolean;
      /** From Retry-After, when the provider said how long to wait. */
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'ConnectorHttpError';
  }

  get status(): number | undefined {
    return this.opts.status;
  }
  get retryable(): boolean {
    return this.opts.retryable ?? false;
  }
}

/** Failures that are not the provider's: the destination, a transform, the definition. */
export class SyncError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function errorKind(err: unknown): ConnectorErrorKind {
  if (err instanceof ConnectorHttpError || err instanceof SyncError) return err.kind;
  return 'internal';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
