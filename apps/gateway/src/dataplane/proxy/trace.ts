import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context for the hot path: the platform's rules (continue a valid caller trace with a
 * new span, else start one; all-zero ids and version ff are invalid), with span ids cut from a
 * pooled random buffer instead of one randomBytes() call per request.
 */
const POOL_SIZE = 8192;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const s = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return s;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZEROS = /^0+$/;

export function continueTraceparent(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  const m = value ? TRACEPARENT.exec(value) : null;
  const span = randomHex(8);
  if (m && m[1] !== 'ff' && !ZEROS.test(m[2]!) && !ZEROS.test(m[3]!)) {
    return `00-${m[2]}-${span}-${m[4]}`;
  }
  return `00-${randomHex(16)}-${span}-01`;
}
