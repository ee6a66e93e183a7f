import type { MetricsService } from '@portico/platform';
import { Counter } from 'prom-client';

type Histogram<L extends string> = ReturnType<MetricsService['histogram']> & {
  labels(l: Partial<Record<L, string>>): { observe(v: number): void };
};

type RequestLabels = 'api' | 'route' | 'method' | 'status' | 'consumer';

interface Count {
  labels: Record<RequestLabels, string>;
  n: number;
  reported: number;
}

export const REQUESTS_METRIC = 'portico_gateway_requests_total';

/**
 * The gateway's Prometheus series (names from ARCHITECTURE.md). Labels are bounded: API name,
 * route id (never the raw path), method, status, consumer id. prom-client hashes the label set on
 * every inc(), so requests are counted in plain numbers and handed over when /metrics is scraped;
 * histogram children are cached per API.
 */
export class DataPlaneMetrics {
  private readonly upstream: Histogram<'api'>;
  private readonly overhead: Histogram<'api'>;
  private readonly counts = new Map<string, Count>();
  private readonly upstreamChildren = new Map<string, { observe(v: number): void }>();
  private readonly overheadChildren = new Map<string, { observe(v: number): void }>();

  constructor(metrics: MetricsService) {
    const counts = this.counts;
    const registry = metrics.registry;
    // A new data plane (tests build several on one registry) takes the series over.
    if (registry.getSingleMetric(REQUESTS_METRIC)) registry.removeSingleMetric(REQUESTS_METRIC);
    new Counter<RequestLabels>({
      name: REQUESTS_METRIC,
      help: 'Requests handled by the data plane.',
      labelNames: ['api', 'route', 'method', 'status', 'consumer'],
      registers: [registry],
      collect() {
        for (const c of counts.values()) {
          if (c.n === c.reported) continue;
          this.inc(c.labels, c.n - c.reported);
          c.reported = c.n;
        }
      },
    });
    this.upstream = metrics.histogram(
      'portico_gateway_upstream_duration_seconds',
      'Time until the upstream answered (headers), per API.',
      ['api'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ) as Histogram<'api'>;
    this.overhead = metrics.histogram(
      'portico_gateway_overhead_seconds',
      "The gateway's own time per request (total minus upstream).",
      ['api'],
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    ) as Histogram<'api'>;
  }

  record(
    api: string,
    route: string,
    method: string,
    status: number,
    consumer: string,
    upstreamMs: number | null,
    overheadMs: number,
  ): void {
    const key = `${api}\u0000${route}\u0000${method}\u0000${status}\u0000${consumer}`;
    const c = this.counts.get(key);
    if (c === undefined) {
      const labels = { api, route, method, status: String(status), consumer };
      this.counts.set(key, { labels, n: 1, reported: 0 });
    } else c.n++;
    if (upstreamMs !== null) {
      histogramChild(this.upstream, this.upstreamChildren, api).observe(upstreamMs / 1000);
    }
    histogramChild(this.overhead, this.overheadChildren, api).observe(overheadMs / 1000);
  }
}

function histogramChild(
  h: Histogram<'api'>,
  cache: Map<string, { observe(v: number): void }>,
  api: string,
): { observe(v: number): void } {
  let child = cache.get(api);
  if (child === undefined) {
    child = h.labels({ api });
    cache.set(api, child);
  }
  return child;
}
