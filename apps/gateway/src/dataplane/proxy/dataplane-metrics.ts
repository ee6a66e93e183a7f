import type { MetricsService } from '@portico/platform';

type Counter<L extends string> = ReturnType<MetricsService['counter']> & {
  labels(l: Partial<Record<L, string>>): { inc(): void };
};
type Histogram<L extends string> = ReturnType<MetricsService['histogram']> & {
  labels(l: Partial<Record<L, string>>): { observe(v: number): void };
};

type RequestLabels = 'api' | 'route' | 'method' | 'status' | 'consumer';

/**
 * The gateway's Prometheus series (names from ARCHITECTURE.md). Labels are bounded: API name,
 * route id (never the raw path), method, status, consumer id. Label children are cached so a
 * request costs a Map lookup, not prom-client's label hashing.
 */
export class DataPlaneMetrics {
  private readonly requests: Counter<RequestLabels>;
  private readonly upstream: Histogram<'api'>;
  private readonly overhead: Histogram<'api'>;
  private readonly requestChildren = new Map<string, { inc(): void }>();
  private readonly upstreamChildren = new Map<string, { observe(v: number): void }>();
  private readonly overheadChildren = new Map<string, { observe(v: number): void }>();

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter(
      'portico_gateway_requests_total',
      'Requests handled by the data plane.',
      ['api', 'route', 'method', 'status', 'consumer'],
    );
    this.upstream = metrics.histogram(
      'portico_gateway_upstream_duration_seconds',
      'Time until the upstream answered (headers), per API.',
      ['api'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
    this.overhead = metrics.histogram(
      'portico_gateway_overhead_seconds',
      "The gateway's own time per request (total minus upstream).",
      ['api'],
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    );
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
    let child = this.requestChildren.get(key);
    if (child === undefined) {
      child = this.requests.labels({ api, route, method, status: String(status), consumer });
      this.requestChildren.set(key, child);
    }
    child.inc();
    if (upstreamMs !== null)
      histogramChild(this.upstream, this.upstreamChildren, api).observe(upstreamMs / 1000);
    histogramChild(this.overhead, this.overheadChildren, api).observe(overheadMs / 1000);
  }
}

function histogramChild(
  h: Histogram<'api'>,
  cache: Map<string, { observe(v: number): void }>,
  api: string,
): { observe(v: number): void } {
  let child = cache.get(api);
  if (!child) {
    child = h.labels({ api });
    cache.set(api, child);
  }
  return child;
}
