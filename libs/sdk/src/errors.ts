/**
 * A Portico error answer as a typed exception: `code` is the machine-readable code of the error
 * envelope (`UNAUTHORIZED`, `VALIDATION_ERROR`, …), `status` the HTTP status.
 */
export class PorticoApiError extends Error {
  override readonly name = 'PorticoApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Builds the error from a response and its parsed body (an error envelope, or anything else). */
  static from(response: Response, body: unknown): PorticoApiError {
    const envelope = body as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
      requestId?: unknown;
    } | null;
    const e = envelope?.error;
    const requestId =
      (typeof envelope?.requestId === 'string' ? envelope.requestId : undefined) ??
      response.headers.get('x-request-id') ??
      undefined;
    return new PorticoApiError(
      response.status,
      typeof e?.code === 'string' ? e.code : `HTTP_${response.status}`,
      typeof e?.message === 'string' ? e.message : `${response.status} ${response.statusText}`,
      Array.isArray(e?.details) ? e.details : [],
      requestId,
    );
  }
}

export function isPorticoApiError(e: unknown): e is PorticoApiError {
  return e instanceof PorticoApiError;
}
