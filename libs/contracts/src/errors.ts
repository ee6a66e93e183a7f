/**
 * The closed set of machine-readable error codes every Portico service answers with, over REST
 * (`error.code`) and GraphQL (`extensions.code`). Adding a code means adding its HTTP status below.
 */
export const ErrorCode = {
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as readonly ErrorCode[];

/** HTTP status for each code; exhaustive by construction (a missing code fails to compile). */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

/** The code a bare HTTP status maps to when nothing more specific is known. */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.VALIDATION_ERROR;
    case 401:
      return ErrorCode.UNAUTHORIZED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 405:
      return ErrorCode.METHOD_NOT_ALLOWED;
    case 409:
      return ErrorCode.CONFLICT;
    case 410:
      return ErrorCode.GONE;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    case 502:
    case 503:
      return ErrorCode.UPSTREAM_UNAVAILABLE;
    case 504:
      return ErrorCode.UPSTREAM_TIMEOUT;
    default:
      return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_ERROR;
  }
}

/** One problem with the input: where it is (`field`, dotted path) and what is wrong. */
export interface ErrorDetail {
  field?: string;
  message: string;
  code?: string;
  [key: string]: unknown;
}

/**
 * The one exception type services throw for expected failures. The platform's filter turns it into
 * the error envelope (REST) or `extensions.code` (GraphQL); anything else becomes INTERNAL_ERROR.
 */
export class PorticoError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options: { status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PorticoError';
    this.status = options.status ?? ERROR_HTTP_STATUS[code];
    this.headers = options.headers ?? {};
  }
  readonly headers: Record<string, string>;

  static notFound(entity: string, id: string): PorticoError {
    return new PorticoError(ErrorCode.NOT_FOUND, `${entity} '${id}' was not found.`);
  }
  static conflict(message: string, details: ErrorDetail[] = []): PorticoError {
    return new PorticoError(ErrorCode.CONFLICT, message, details);
  }
  static validation(message: string, details: ErrorDetail[] = []): PorticoError {
    return new PorticoError(ErrorCode.VALIDATION_ERROR, message, details);
  }
  static unauthorized(message = 'Authentication is required.'): PorticoError {
    return new PorticoError(ErrorCode.UNAUTHORIZED, message);
  }
  static forbidden(message = 'You are not allowed to do this.'): PorticoError {
    return new PorticoError(ErrorCode.FORBIDDEN, message);
  }
}

export function isPorticoError(e: unknown): e is PorticoError {
  return (
    e instanceof PorticoError || (e instanceof Error && e.name === 'PorticoError' && 'code' in e)
  );
}
