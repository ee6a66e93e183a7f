import { Inject, Injectable } from '@nestjs/common';
import {
  type AnalyticsApiReport,
  type AnalyticsTimeRange,
  PorticoError,
  type Principal,
} from '@portico/contracts';
import { CLOCK, type Clock } from '../shared/clock';
import { LatencySketch } from '../shared/latency-sketch';
import { MetricsRepository } from '../metrics/metrics.repository';
import { MetricsService } from '../metrics/metrics.service';
import { percentile, rate, round2 } from '../metrics/report';
import { planRange } from '../metrics/time-range';
import { HealthService } from './health.service';

/** One API's analytics: the metrics report narrowed to it, plus versions, routes and health. */
@Injectable()
export class ApiReportService {
  constructor(
    private readonly repo: MetricsRepository,
    private readonly metrics: MetricsService,
    private readonly health: HealthService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(
    p: Principal,
    apiId: string,
    range: AnalyticsTimeRange,
  ): Promise<AnalyticsApiReport> {
    // Analytics knows the APIs it has seen traffic for; another tenant's API is simply unknown here.
    const entry = await this.repo.catalogEntry(p.tenantId, apiId);
    if (!entry) throw PorticoError.notFound('API', apiId);
    const filter = await this.metrics.filterFor(p, { api: apiId });
    const plan = planRange(range, this.clock.now().getTime());
    const [base, versions, routes, health] = await Promise.all([
      this.metrics.reportFor(filter, range),
      this.repo.versions(filter, plan.level, plan.from, plan.to),
      this.repo.routes(filter, plan.level, plan.from, plan.to),
      this.health.report({ tenantId: p.tenantId, apiId }),
    ]);
    return {
      apiId,
      apiName: entry.api_name,
      timeRange: range,
      health: health.apis[0]?.status ?? 'HEALTHY',
      ...base,
      versions: versions.map((v) => ({
        version: v.version === '' ? null : v.version,
        calls: v.calls,
      })),
      routes: routes.map((r) => {
        const sketch = r.sketch ? LatencySketch.decode(r.sketch) : new LatencySketch();
        return {
          routeId: r.route_id === '' ? null : r.route_id,
          method: r.method,
          pathTemplate: r.path_template,
          calls: r.count,
          errorRate: rate(r.errors, r.count),
          avgResponseTime: r.count > 0 ? round2(r.latency_sum / r.count) : 0,
          p95: percentile(sketch, 0.95, null, null),
        };
      }),
    };
  }
}
