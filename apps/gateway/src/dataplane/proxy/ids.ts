import { randomBytes } from 'node:crypto';

/**
 * Request ids and W3C Trace Context for the hot path: the platform's rules (continue a valid caller trace with a
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

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID (48-bit ms time, 80 random bits) with the randomness taken from the pool: the `ulid`
 * package draws 16 separate randomBytes(1) calls whenever the millisecond changes.
 */
export function newRequestId(now: number = Date.now()): string {
  let out = '';
  let t = now;
  for (let i = 9; i >= 0; i--) {
    out = CROCKFORD[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  if (offset + 16 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  for (let i = 0; i < 16; i++) out += CROCKFORD[pool[offset + i]! & 31];
  offset += 16;
  return out;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's request id is kept when it is sane (as the platform does for its own routes). */
export function acceptRequestId(header: string | string[] | undefined, now: number): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v !== undefined && REQUEST_ID.test(v) ? v : newRequestId(now);
}
