import type { AnalyticsTimeRange } from '@portico/contracts';
import { DAY_MS, floorTo, HOUR_MS, type Level, LEVEL_MS, MINUTE_MS } from '../shared/time';

export interface RangePlan {
  /** The coarsest rollup level the range reads (finer levels fill what is not sealed yet). */
  level: Level;
  /** Series step and number of points; the last point holds the current bucket. */
  stepMs: number;
  points: number;
  from: number;
  /** Exclusive: the end of the current bucket of `level`. */
  to: number;
}

const PLANS: Record<AnalyticsTimeRange, { level: Level; stepMs: number; points: number }> = {
  '15m': { level: 'minute', stepMs: MINUTE_MS, points: 15 },
  '1h': { level: 'minute', stepMs: MINUTE_MS, points: 60 },
  '24h': { level: 'hour', stepMs: HOUR_MS, points: 24 },
  '7d': { level: 'hour', stepMs: 6 * HOUR_MS, points: 28 },
  '30d': { level: 'day', stepMs: DAY_MS, points: 30 },
};

/**
 * Ranges are aligned to whole buckets of their level, ending with the current one: `24h` is the
 * current hour and the 23 before it. That is what rollups can answer exactly.
 */
export function planRange(range: AnalyticsTimeRange, now: number): RangePlan {
  const p = PLANS[range];
  const size = LEVEL_MS[p.level];
  const to = floorTo(now, size) + size;
  return { ...p, from: to - p.stepMs * p.points, to };
}

/** Index of the series point a bucket belongs to. */
export function pointIndex(plan: RangePlan, bucket: number): number {
  return Math.min(plan.points - 1, Math.max(0, Math.floor((bucket - plan.from) / plan.stepMs)));
}
