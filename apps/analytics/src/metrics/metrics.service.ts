import { Inject, Injectable } from '@nestjs/common';
import type { AnalyticsMetricsQuery, AnalyticsMetricsReport, Principal } from '@portico/contracts';
import { CLOCK, type Clock } from '../shared/clock';
import { MetricsRepository } from './metrics.repository';
import { rate, summarise } from './report';
import type { SourceFilter } from './rollup-source';
import { planRange } from './time-range';

/** Matches no consumer (ids are `con_…`; '' is the anonymous caller). */
export const NO_CONSUMER = '(none)';

/** The metrics API: everything comes from rollups, never from raw events. */
@Injectable()
export class MetricsService {
  constructor(
    private readonly repo: MetricsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The caller's tenant only; a consumer sees its own traffic whatever it asks for (the usage of
   * other consumers is not its business).
   */
  async filterFor(
    p: Principal,
    q: { service?: string; api?: string; consumer?: string },
  ): Promise<SourceFilter> {
    let apiIds: string[] | undefined;
    if (q.service !== undefined) {
      apiIds = await this.repo.apiIdsByName(p.tenantId, q.service);
      if (q.api !== undefined) apiIds = apiIds.filter((id) => id === q.api);
    } else if (q.api !== undefined) apiIds = [q.api];
    const consumerId = p.role === 'consumer' ? (p.consumerId ?? NO_CONSUMER) : q.consumer;
    return { tenantId: p.tenantId, apiIds, consumerId };
  }

  async report(p: Principal, q: AnalyticsMetricsQuery): Promise<AnalyticsMetricsReport> {
    const filter = await this.filterFor(p, q);
    return this.reportFor(filter, q.timeRange);
  }

  async reportFor(
    filter: SourceFilter,
    range: AnalyticsMetricsQuery['timeRange'],
  ): Promise<AnalyticsMetricsReport> {
    const plan = planRange(range, this.clock.now().getTime());
    const args = [filter, plan.level, plan.from, plan.to] as const;
    const [buckets, endpoints, users, topErrors] = await Promise.all([
      this.repo.buckets(...args),
      this.repo.topEndpoints(...args),
      this.repo.topConsumers(...args),
      this.repo.topErrors(...args),
    ]);
    const { requests, series, failed } = summarise(plan, buckets);
    return {
      requests,
      errors: { rate: rate(failed, requests.total), topErrors },
      usage: { endpoints, users },
      series,
    };
  }
}
