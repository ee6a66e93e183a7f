import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { newUlid } from '@portico/contracts';

/** What every log line written while handling a request carries. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  spanId: string;
  /** The incoming `traceparent` (or one we started); propagate it on outgoing calls. */
  traceparent: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A client-supplied request id is kept when it is sane, otherwise a new one is made. */
export function acceptRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : newUlid();
}

/**
 * W3C Trace Context: continue the caller's trace with a new span of ours, or start a new trace.
 * Invalid headers (all-zero ids, version ff) are ignored, as the spec requires.
 */
export function continueTrace(header: string | string[] | undefined): {
  traceId: string;
  spanId: string;
  traceparent: string;
} {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  const m = value ? TRACEPARENT.exec(value) : null;
  const spanId = randomBytes(8).toString('hex');
  if (m && m[1] !== 'ff' && !/^0+$/.test(m[2]!) && !/^0+$/.test(m[3]!)) {
    return { traceId: m[2]!, spanId, traceparent: `00-${m[2]}-${spanId}-${m[4]}` };
  }
  const traceId = randomBytes(16).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}
