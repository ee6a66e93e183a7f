import type { ErrorCode, ErrorDetail } from './errors';

/** Offset pagination, plus a cursor where the list supports one. */
export interface Pagination {
  page: number;
  limit: number;
  total: number;
  nextCursor?: string | null;
}

export interface SuccessEnvelope<T> {
  status: 'success';
  data: T;
  message?: string;
  pagination?: Pagination;
  timestamp: string;
}

export interface ErrorEnvelope {
  status: 'error';
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; errorId?: string };
  timestamp: string;
  requestId?: string;
}

export function success<T>(data: T, message?: string): SuccessEnvelope<T> {
  return message === undefined
    ? { status: 'success', data, timestamp: new Date().toISOString() }
    : { status: 'success', data, message, timestamp: new Date().toISOString() };
}

export function successList<T>(data: T[], pagination: Pagination): SuccessEnvelope<T[]> {
  return { status: 'success', data, pagination, timestamp: new Date().toISOString() };
}

export function errorEnvelope(
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
  requestId?: string,
  errorId?: string,
): ErrorEnvelope {
  const error: ErrorEnvelope['error'] = { code, message, details };
  if (errorId) error.errorId = errorId;
  const env: ErrorEnvelope = { status: 'error', error, timestamp: new Date().toISOString() };
  if (requestId) env.requestId = requestId;
  return env;
}

/**
 * A list result that controllers return: the platform's envelope interceptor recognises it and
 * moves `pagination` next to `data`.
 */
export class Paginated<T> {
  constructor(
    readonly items: T[],
    readonly pagination: Pagination,
  ) {}
}
