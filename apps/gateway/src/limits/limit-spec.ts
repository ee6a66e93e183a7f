/**
 * What one request is counted against: zero or more sliding windows and calendar quotas. Stores
 * check all of them and count the request in all of them only if every one has room, so a request
 * refused by one limit does not use up another.
 */
export interface RateSpec {
  kind: 'rate';
  key: string;
  limit: number;
  windowMs: number;
}

export interface QuotaSpec {
  kind: 'quota';
  key: string;
  limit: number;
  /** Epoch ms when the period ends (the counter expires then). */
  endsAt: number;
}

export type LimitSpec = RateSpec | QuotaSpec;

export interface LimitOutcome {
  /** Index of the first spec without room, or -1 when the request was counted. */
  refused: number;
  /** Per spec: room left after this request (0 for the refused one). */
  remaining: number[];
  /** Per spec: ms until room frees up (rate: the oldest counted request leaves the window). */
  resetMs: number[];
}

export interface LimitStore {
  readonly kind: 'memory' | 'redis';
  check(specs: readonly LimitSpec[], now?: number): LimitOutcome | Promise<LimitOutcome>;
}

/** @nestjs/throttler's record type (its index does not export it). */
export type ThrottlerStorageRecord = Awaited<
  ReturnType<import('@nestjs/throttler').ThrottlerStorage['increment']>
>;
