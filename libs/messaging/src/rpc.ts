import {
  ERROR_CODES,
  ErrorCode,
  isPorticoError,
  PorticoError,
  type ErrorDetail,
  type RpcReply,
} from '@portico/contracts';

/**
 * The wire format of request-reply, kept free of NATS so both sides are unit-testable: a caller
 * always gets either data or a PorticoError with one of our codes, never a transport error.
 */

export const INTERNAL_ERROR_MESSAGE = 'An internal error occurred.';

/** The reply a handler failure turns into. Only PorticoErrors reveal their message. */
export function errorReply(err: unknown): RpcReply<never> {
  if (isPorticoError(err)) {
    const error: { code: string; message: string; details?: unknown[] } = {
      code: err.code,
      message: err.message,
    };
    if (err.details.length > 0) error.details = err.details;
    return { ok: false, error };
  }
  return { ok: false, error: { code: ErrorCode.INTERNAL_ERROR, message: INTERNAL_ERROR_MESSAGE } };
}

export function encodeReply(reply: RpcReply<unknown>): string {
  return JSON.stringify(reply);
}

/** Parses a request body; an empty body is `undefined` (a request without arguments). */
export function decodeRequest(data: Uint8Array): unknown {
  if (data.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    throw new PorticoError(ErrorCode.MALFORMED_REQUEST, 'The request body is not valid JSON.');
  }
}

/** Unwraps an answer: data on success, the remote PorticoError (same code) on failure. */
export function decodeReply<T>(subject: string, data: Uint8Array): T {
  let reply: unknown;
  try {
    reply = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    throw malformedReply(subject);
  }
  if (typeof reply !== 'object' || reply === null) throw malformedReply(subject);
  const r = reply as Record<string, unknown>;
  if (r['ok'] === true) return r['data'] as T;
  const error = r['error'];
  if (r['ok'] !== false || typeof error !== 'object' || error === null)
    throw malformedReply(subject);
  const e = error as Record<string, unknown>;
  const code = ERROR_CODES.includes(e['code'] as ErrorCode)
    ? (e['code'] as ErrorCode)
    : ErrorCode.INTERNAL_ERROR;
  const message = typeof e['message'] === 'string' ? e['message'] : INTERNAL_ERROR_MESSAGE;
  throw new PorticoError(code, message, normaliseDetails(e['details']));
}

function normaliseDetails(details: unknown): ErrorDetail[] {
  if (!Array.isArray(details)) return [];
  return details.map((d): ErrorDetail => {
    if (typeof d === 'object' && d !== null && typeof (d as ErrorDetail).message === 'string') {
      return d as ErrorDetail;
    }
    return { message: typeof d === 'string' ? d : JSON.stringify(d) };
  });
}

function malformedReply(subject: string): PorticoError {
  return new PorticoError(ErrorCode.INTERNAL_ERROR, `Malformed reply on '${subject}'.`);
}

/**
 * Maps a NATS request failure to our codes. The client signals a timeout with TimeoutError and a
 * missing responder with a RequestError caused by NoRespondersError; anything else (closed or
 * draining connection) means messaging itself is unavailable.
 */
export function requestFailure(subject: string, timeoutMs: number, err: unknown): PorticoError {
  if (isPorticoError(err)) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') {
    return new PorticoError(
      ErrorCode.UPSTREAM_TIMEOUT,
      `No reply on '${subject}' within ${timeoutMs} ms.`,
      [],
      { cause: err },
    );
  }
  if (isNoResponders(err)) {
    return new PorticoError(
      ErrorCode.SERVICE_UNAVAILABLE,
      `No service is answering on '${subject}'.`,
      [],
      { cause: err },
    );
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new PorticoError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `Request on '${subject}' failed: ${msg}`,
    [],
    { cause: err },
  );
}

function isNoResponders(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'NoRespondersError') return true;
    const maybe = e as { isNoResponders?: () => boolean };
    if (typeof maybe.isNoResponders === 'function' && maybe.isNoResponders()) return true;
  }
  return false;
}
