/** Shares of a plan's monthly quota that emit `analytics.usage.threshold_reached`, in percent. */
export const QUOTA_THRESHOLDS = [80, 100] as const;

/** The thresholds a consumer's usage crossed going from `before` to `after` requests. */
export function crossedThresholds(before: number, after: number, quota: number | null): number[] {
  if (quota === null || quota <= 0) return [];
  // Integer comparisons: 80% of 1,000 is reached at exactly 800.
  return QUOTA_THRESHOLDS.filter((t) => before * 100 < t * quota && after * 100 >= t * quota);
}
