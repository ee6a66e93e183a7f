import type { AnalyticsMetricsReport } from '@portico/contracts';
import { LatencySketch } from '../shared/latency-sketch';
import type { BucketRow } from './metrics.repository';
import { pointIndex, type RangePlan } from './time-range';

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : 0;

/** A percentile from a merged sketch, kept inside the observed extremes. */
export function percentile(
  s: LatencySketch,
  q: number,
  min: number | null,
  max: number | null,
): number {
  if (s.count === 0) return 0;
  let v = s.quantile(q);
  if (min !== null && v < min) v = min;
  if (max !== null && v > max) v = max;
  return round2(v);
}

/** Totals, percentiles and the series from per-bucket rows (of any level) of one range. */
export function summarise(
  plan: RangePlan,
  rows: readonly BucketRow[],
): Pick<AnalyticsMetricsReport, 'requests' | 'series'> & { failed: number } {
  const points = Array.from({ length: plan.points }, (_, i) => ({
    t: new Date(plan.from + i * plan.stepMs).toISOString(),
    requests: 0,
    errors: 0,
    sketch: new LatencySketch(),
    min: null as number | null,
    max: null as number | null,
  }));
  const all = new LatencySketch();
  let total = 0;
  let failed = 0;
  let latencySum = 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const r of rows) {
    const p = points[pointIndex(plan, r.bucket.getTime())]!;
    p.requests += r.count;
    p.errors += r.errors;
    if (r.sketch) p.sketch.addEncoded(r.sketch);
    p.min = lower(p.min, r.latency_min);
    p.max = higher(p.max, r.latency_max);
    total += r.count;
    failed += r.errors;
    latencySum += r.latency_sum;
    min = lower(min, r.latency_min);
    max = higher(max, r.latency_max);
  }
  for (const p of points) all.merge(p.sketch);
  return {
    failed,
    requests: {
      total,
      successful: total - failed,
      failed,
      avgResponseTime: total > 0 ? round2(latencySum / total) : 0,
      p50: percentile(all, 0.5, min, max),
      p95: percentile(all, 0.95, min, max),
      p99: percentile(all, 0.99, min, max),
    },
    series: points.map((p) => ({
      t: p.t,
      requests: p.requests,
      errors: p.errors,
      p95: percentile(p.sketch, 0.95, p.min, p.max),
    })),
  };
}

function lower(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function higher(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
