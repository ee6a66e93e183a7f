import { Injectable } from '@nestjs/common';
import { AnalyticsDb } from '../shared/database';
import type { Level } from '../shared/time';
import { isWholeTenant, rollupSource, sourceParams, type SourceFilter } from './rollup-source';

export interface BucketRow {
  bucket: Date;
  count: number;
  errors: number;
  latency_sum: number;
  latency_min: number | null;
  latency_max: number | null;
  sketch: Buffer | null;
}

export interface RouteRow {
  route_id: string;
  method: string;
  path_template: string | null;
  count: number;
  errors: number;
  latency_sum: number;
  sketch: Buffer | null;
}

const TOP = 10;

/** Aggregate queries over the rollups; every method takes the tenant (null only for operators' RPC). */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: AnalyticsDb) {}

  /** One row per stored bucket (any level) in range: what series, totals and percentiles need. */
  buckets(f: SourceFilter, level: Level, from: number, to: number): Promise<BucketRow[]> {
    const kind = isWholeTenant(f) ? 'tenant_rollup' : 'rollup';
    return this.db.query<BucketRow>(
      `${rollupSource(kind, level, 'r.bucket, r.count, r.errors, r.latency_sum, r.latency_min, r.latency_max, r.sketch')}
       SELECT bucket, sum(count) AS count, sum(errors) AS errors, sum(latency_sum) AS latency_sum,
              min(latency_min) AS latency_min, max(latency_max) AS latency_max, string_agg(sketch, ''::bytea) AS sketch
       FROM src GROUP BY bucket ORDER BY bucket`,
      sourceParams(kind, f, from, to),
    );
  }

  async topEndpoints(
    f: SourceFilter,
    level: Level,
    from: number,
    to: number,
  ): Promise<Array<{ path: string; calls: number }>> {
    return this.db.query(
      `${rollupSource('rollup', level, 'r.path_template, r.count')}
       SELECT coalesce(path_template, '(unmatched)') AS path, sum(count) AS calls
       FROM src GROUP BY 1 ORDER BY calls DESC, path LIMIT ${TOP}`,
      sourceParams('rollup', f, from, to),
    );
  }

  async topConsumers(
    f: SourceFilter,
    level: Level,
    from: number,
    to: number,
  ): Promise<Array<{ userId: string; calls: number }>> {
    return this.db.query(
      `${rollupSource('rollup', level, 'r.consumer_id, r.count')}
       SELECT CASE WHEN consumer_id = '' THEN 'anonymous' ELSE consumer_id END AS "userId", sum(count) AS calls
       FROM src GROUP BY 1 ORDER BY calls DESC, "userId" LIMIT ${TOP}`,
      sourceParams('rollup', f, from, to),
    );
  }

  async topErrors(
    f: SourceFilter,
    level: Level,
    from: number,
    to: number,
  ): Promise<Array<{ error: string; count: number }>> {
    return this.db.query(
      `${rollupSource('error', level, 'r.status, r.error_code, r.count')}
       SELECT CASE WHEN error_code = '' THEN 'HTTP ' || status ELSE error_code END AS error, sum(count) AS count
       FROM src GROUP BY 1 ORDER BY count DESC, error LIMIT ${TOP}`,
      sourceParams('error', f, from, to),
    );
  }

  async versions(
    f: SourceFilter,
    level: Level,
    from: number,
    to: number,
  ): Promise<Array<{ version: string; calls: number }>> {
    return this.db.query(
      `${rollupSource('rollup', level, 'r.version, r.count')}
       SELECT version, sum(count) AS calls FROM src GROUP BY version ORDER BY calls DESC, version`,
      sourceParams('rollup', f, from, to),
    );
  }

  routes(f: SourceFilter, level: Level, from: number, to: number): Promise<RouteRow[]> {
    return this.db.query<RouteRow>(
      `${rollupSource('rollup', level, 'r.route_id, r.method, r.path_template, r.count, r.errors, r.latency_sum, r.sketch')}
       SELECT route_id, method, max(path_template) AS path_template, sum(count) AS count, sum(errors) AS errors,
              sum(latency_sum) AS latency_sum, string_agg(sketch, ''::bytea) AS sketch
       FROM src GROUP BY route_id, method ORDER BY count DESC`,
      sourceParams('rollup', f, from, to),
    );
  }

  /** API ids of a tenant's APIs with this name (the `service` filter). */
  async apiIdsByName(tenantId: string, name: string): Promise<string[]> {
    const rows = await this.db.query<{ api_id: string }>(
      'SELECT api_id FROM api_catalog WHERE tenant_id = $1 AND api_name = $2',
      [tenantId, name],
    );
    return rows.map((r) => r.api_id);
  }

  async catalogEntry(
    tenantId: string,
    apiId: string,
  ): Promise<{ api_name: string | null } | undefined> {
    const rows = await this.db.query<{ api_name: string | null }>(
      'SELECT api_name FROM api_catalog WHERE tenant_id = $1 AND api_id = $2',
      [tenantId, apiId],
    );
    return rows[0];
  }
}
