import type { AlertMetric, AlertOperator } from '@portico/contracts';

export interface WindowStats {
  requests: number;
  errors: number;
  latencySum: number;
  p95: number;
  p99: number;
}

export function metricValue(metric: AlertMetric, s: WindowStats): number {
  switch (metric) {
    case 'request_count':
      return s.requests;
    case 'error_count':
      return s.errors;
    case 'error_rate':
      return s.requests > 0 ? s.errors / s.requests : 0;
    case 'avg_latency_ms':
      return s.requests > 0 ? s.latencySum / s.requests : 0;
    case 'p95_latency_ms':
      return s.p95;
    case 'p99_latency_ms':
      return s.p99;
  }
}

export function breaches(value: number, operator: AlertOperator, threshold: number): boolean {
  switch (operator) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}

/** The transition an evaluation causes: one event per crossing, none while the state holds. */
export function transition(state: string, breached: boolean): 'triggered' | 'resolved' | null {
  if (breached && state !== 'firing') return 'triggered';
  if (!breached && state === 'firing') return 'resolved';
  return null;
}
