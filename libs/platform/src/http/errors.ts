import { HttpException } from '@nestjs/common';
import {
  ErrorCode,
  type ErrorDetail,
  type ErrorEnvelope,
  errorCodeForStatus,
  errorEnvelope,
  isPorticoError,
  newUlid,
} from '@portico/contracts';
import type { Logger } from 'pino';

export interface ErrorResponse {
  status: number;
  body: ErrorEnvelope;
  headers: Record<string, string>;
}

/** Fastify's own errors (raised before a route handler runs) that are the client's fault. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; message: (e: Error) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    message: () => 'The request body is larger than this endpoint accepts.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: ErrorCode.MALFORMED_REQUEST,
    message: () => 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: () => 'This content type is not supported; send application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: ErrorCode.MALFORMED_REQUEST,
    message: () => 'The body is empty but Content-Type says application/json.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: ErrorCode.MALFORMED_REQUEST,
    message: () => 'The request body is not valid JSON.',
  },
};

function httpExceptionMessage(e: HttpException): { message: string; details: ErrorDetail[] } {
  const res = e.getResponse();
  if (typeof res === 'string') return { message: res, details: [] };
  const r = res as { message?: unknown; details?: unknown };
  if (Array.isArray(r.message)) {
    return {
      message: 'The request is invalid.',
      details: r.message.map((m) => ({ message: String(m) })),
    };
  }
  return { message: typeof r.message === 'string' ? r.message : e.message, details: [] };
}

/**
 * The single mapping from anything thrown to the error envelope. Unknown errors become a 500 with
 * an `errorId` that is logged once, so an operator can find the stack the client never sees.
 */
export function toErrorResponse(
  err: unknown,
  requestId: string | undefined,
  logger: Logger,
  route?: { method: string; url: string },
): ErrorResponse {
  if (isPorticoError(err)) {
    return {
      status: err.status,
      body: errorEnvelope(err.code, err.message, err.details, requestId),
      headers: err.headers,
    };
  }
  // Nest wraps Fastify's body-parsing errors in an HttpException whose cause carries the code.
  const fastifyCode =
    (err as { code?: unknown })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    const known = FASTIFY_ERRORS[fastifyCode]!;
    return {
      status: statusFor(known.code),
      body: errorEnvelope(known.code, known.message(err as Error), [], requestId),
      headers: {},
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const { details } = httpExceptionMessage(err);
    let { message } = httpExceptionMessage(err);
    if (
      status === 404 &&
      route &&
      /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)
    ) {
      message = `No route matches ${route.method} ${route.url.split('?')[0]}.`;
    }
    if (status >= 500) return internal(err, requestId, logger);
    return {
      status,
      body: errorEnvelope(errorCodeForStatus(status), message, details, requestId),
      headers: {},
    };
  }
  if (isDatabaseOverload(err)) {
    logger.warn({ err: (err as Error).message }, 'database busy: answered 503');
    return {
      status: 503,
      body: errorEnvelope(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The service is busy right now; retry in a moment.',
        [],
        requestId,
      ),
      headers: { 'retry-after': '1' },
    };
  }
  const statusCode = (err as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const message = err instanceof Error ? err.message : 'The request could not be processed.';
    return {
      status: statusCode,
      body: errorEnvelope(errorCodeForStatus(statusCode), message, [], requestId),
      headers: {},
    };
  }
  return internal(err, requestId, logger);
}

/**
 * No database connection or transaction slot in time: the pool is drained by load, not broken by
 * the request, so the client is told to retry (503) instead of seeing an internal error.
 * P2024: timed out fetching a connection; P2028: could not start or keep a transaction in time;
 * P2037: too many connections; pg-pool's own connect timeout.
 */
export function isDatabaseOverload(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (code === 'P2024' || code === 'P2028' || code === 'P2037') return true;
  const message = err instanceof Error ? err.message : '';
  return message.includes('timeout exceeded when trying to connect');
}

function statusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    default:
      return 400;
  }
}

function internal(err: unknown, requestId: string | undefined, logger: Logger): ErrorResponse {
  const errorId = newUlid();
  logger.error({ err, errorId }, 'unhandled error');
  return {
    status: 500,
    body: errorEnvelope(
      ErrorCode.INTERNAL_ERROR,
      `Something went wrong on our side. Quote error id ${errorId} when reporting it.`,
      [],
      requestId,
      errorId,
    ),
    headers: {},
  };
}
