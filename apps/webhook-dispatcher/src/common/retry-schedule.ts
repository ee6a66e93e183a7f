/** Waits before retries 1..7: the first attempt is immediate (Svix's schedule). */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
export const DEFAULT_RETRY_COUNT = DEFAULT_RETRY_SCHEDULE_SECONDS.length;
/** ±20% so that retries of many messages to one receiver spread out. */
export const RETRY_JITTER = 0.2;
/** A Retry-After beyond this is capped: the schedule goes on, the receiver can answer 429 again. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

export interface RetryPolicy {
  retryCount: number;
  retrySchedule: readonly number[] | null;
}

/**
 * When the retry after `attemptsMade` failed attempts is due, or null when the schedule is spent.
 * The endpoint's schedule is cut to retryCount entries, or extended by repeating its last delay.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  random: () => number = Math.random,
  retryAfterSeconds: number | null = null,
): number | null {
  if (attemptsMade > policy.retryCount) return null;
  const schedule =
    policy.retrySchedule && policy.retrySchedule.length > 0
      ? policy.retrySchedule
      : DEFAULT_RETRY_SCHEDULE_SECONDS;
  const base = schedule[Math.min(attemptsMade - 1, schedule.length - 1)]! * 1000;
  const jittered = Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
  if (retryAfterSeconds === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000);
}

/** `Retry-After` as seconds from `now`: delta-seconds or an HTTP date; null when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Statuses whose Retry-After we honour: the receiver is throttling or its gateway is. */
export const RETRY_AFTER_STATUSES = new Set([429, 502, 503, 504]);
