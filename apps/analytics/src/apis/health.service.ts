import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type ApiHealthReport,
  type ApiHealthRequest,
  ApiHealthRequestSchema,
  RpcSubject,
} from '@portico/contracts';
import { MessagingService, parseWith } from '@portico/platform';
import { CLOCK, type Clock } from '../shared/clock';
import { AnalyticsDb } from '../shared/database';
import { floorTo, HOUR_MS, MINUTE_MS } from '../shared/time';
import { rate, round2 } from '../metrics/report';
import { classifyHealth } from './health';

interface HealthRow {
  tenant_id: string;
  api_id: string;
  route_id: string;
  method: string;
  api_name: string | null;
  path_template: string | null;
  count: number;
  errors: number;
  latency_sum: number;
}

/**
 * API health over the last hour (the current minute and the 59 before it), per API and route, from
 * minute rollups. Answers the gateway's `analytics.apis.health` requests and the REST API.
 */
@Injectable()
export class HealthService implements OnApplicationBootstrap {
  constructor(
    private readonly db: AnalyticsDb,
    private readonly messaging: MessagingService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.messaging.onConnected((m) => {
      m.handle<unknown, ApiHealthReport>(RpcSubject.analyticsApiHealth, async (body) =>
        this.report(parseWith(ApiHealthRequestSchema, body ?? {}, 'API health request')),
      );
    });
  }

  async report(req: ApiHealthRequest): Promise<ApiHealthReport> {
    const to = floorTo(this.clock.now().getTime(), MINUTE_MS) + MINUTE_MS;
    const from = to - HOUR_MS;
    const rows = await this.db.query<HealthRow>(
      `SELECT tenant_id, api_id, route_id, method, max(api_name) AS api_name, max(path_template) AS path_template,
              sum(count) AS count, sum(errors) AS errors, sum(latency_sum) AS latency_sum
       FROM rollup_minute
       WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR api_id = $2) AND api_id <> ''
         AND bucket >= $3 AND bucket < $4
       GROUP BY tenant_id, api_id, route_id, method
       ORDER BY tenant_id, api_id, count DESC`,
      [
        req.tenantId ?? null,
        req.apiId ?? null,
        new Date(from).toISOString(),
        new Date(to).toISOString(),
      ],
    );
    const apis = new Map<
      string,
      ApiHealthReport['apis'][number] & { latencySum: number; errors: number }
    >();
    for (const r of rows) {
      const key = `${r.tenant_id}\u0000${r.api_id}`;
      let api = apis.get(key);
      if (!api) {
        api = {
          tenantId: r.tenant_id,
          apiId: r.api_id,
          apiName: r.api_name,
          status: 'HEALTHY',
          requests: 0,
          errorRate: 0,
          avgResponseTimeMs: 0,
          routes: [],
          latencySum: 0,
          errors: 0,
        };
        apis.set(key, api);
      }
      api.apiName ??= r.api_name;
      api.requests += r.count;
      api.errors += r.errors;
      api.latencySum += r.latency_sum;
      const avg = r.count > 0 ? r.latency_sum / r.count : 0;
      const errorRate = rate(r.errors, r.count);
      api.routes.push({
        routeId: r.route_id === '' ? null : r.route_id,
        pathTemplate: r.path_template,
        method: r.method,
        status: classifyHealth(avg, errorRate),
        requests: r.count,
        errorRate,
        avgResponseTimeMs: round2(avg),
      });
    }
    return {
      windowStart: new Date(from).toISOString(),
      windowEnd: new Date(to).toISOString(),
      apis: [...apis.values()].map(({ latencySum, errors, ...api }) => {
        const avg = api.requests > 0 ? latencySum / api.requests : 0;
        const errorRate = rate(errors, api.requests);
        return {
          ...api,
          status: classifyHealth(avg, errorRate),
          errorRate,
          avgResponseTimeMs: round2(avg),
        };
      }),
    };
  }
}
