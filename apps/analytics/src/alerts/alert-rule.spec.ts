import { breaches, metricValue, transition } from './alert-rule';

describe('alert rules', () => {
  const stats = { requests: 200, errors: 30, latencySum: 50_000, p95: 900, p99: 1500 };

  it('computes each metric over the window', () => {
    expect(metricValue('request_count', stats)).toBe(200);
    expect(metricValue('error_count', stats)).toBe(30);
    expect(metricValue('error_rate', stats)).toBe(0.15);
    expect(metricValue('avg_latency_ms', stats)).toBe(250);
    expect(metricValue('p95_latency_ms', stats)).toBe(900);
    expect(metricValue('p99_latency_ms', stats)).toBe(1500);
    expect(metricValue('error_rate', { ...stats, requests: 0, errors: 0 })).toBe(0);
  });

  it('compares with each operator', () => {
    expect([
      breaches(5, 'gt', 5),
      breaches(5, 'gte', 5),
      breaches(5, 'lt', 5),
      breaches(4, 'lte', 5),
    ]).toEqual([false, true, false, true]);
  });

  it('fires once per crossing', () => {
    expect(transition('ok', true)).toBe('triggered');
    expect(transition('firing', true)).toBeNull();
    expect(transition('firing', false)).toBe('resolved');
    expect(transition('ok', false)).toBeNull();
  });
});
