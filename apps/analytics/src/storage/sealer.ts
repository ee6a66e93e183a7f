import { Inject, Injectable } from '@nestjs/common';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';
import { AnalyticsDb, type PgClient, ROLLUP_LOCK_SQL } from '../shared/database';
import { CLOCK, type Clock } from '../shared/clock';
import { LatencySketch } from '../shared/latency-sketch';
import { floorTo, LEVEL_MS, type Level } from '../shared/time';
import { addRollups, addTenantRollups, type RollupRow } from './rollup-store';

const KEY = 'tenant_id, api_id, version, route_id, method, consumer_id, status_class';

/**
 * Rolls minutes up into hours and hours into days, one bucket per transaction, and moves the
 * level's `sealed_until` past it in the same transaction. Sealed buckets are final in the coarser
 * level: late events for them are added there directly by ingest (see aggregate.ts), and readers
 * take a sealed bucket from the coarser level and an unsealed one from the finer.
 */
@Injectable()
export class Sealer {
  constructor(
    private readonly db: AnalyticsDb,
    @InjectConfig() private readonly config: AnalyticsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Seals every hour that ended more than the grace ago, then every day whose hours are sealed. */
  async sealDue(): Promise<{ hours: number; days: number }> {
    const hourTarget = floorTo(
      this.clock.now().getTime() - this.config.ANALYTICS_SEAL_GRACE_MS,
      LEVEL_MS.hour,
    );
    const hours = await this.sealUpTo('hour', hourTarget);
    const hourSealed = (await this.sealedUntil('hour')) ?? 0;
    const days = await this.sealUpTo('day', floorTo(hourSealed, LEVEL_MS.day));
    return { hours, days };
  }

  private async sealUpTo(level: 'hour' | 'day', target: number): Promise<number> {
    let sealed = 0;
    for (;;) {
      const advanced = await this.db.transaction(async (c) => {
        await c.query(ROLLUP_LOCK_SQL);
        return this.sealNext(c, level, target);
      });
      if (!advanced) return sealed;
      sealed++;
    }
  }

  /** Seals the next bucket with data before `target` (or jumps over empty ones); false when done. */
  private async sealNext(c: PgClient, level: 'hour' | 'day', target: number): Promise<boolean> {
    const finer: Level = level === 'hour' ? 'minute' : 'hour';
    const size = LEVEL_MS[level];
    const { rows: state } = await c.query<{ sealed_until: Date }>(
      'SELECT sealed_until FROM rollup_state WHERE level = $1 FOR UPDATE',
      [level],
    );
    const from = state[0]!.sealed_until.getTime();
    if (from >= target) return false;
    const { rows: next } = await c.query<{ first: Date | null }>(
      `SELECT LEAST((SELECT min(bucket) FROM rollup_${finer} WHERE bucket >= $1),
                    (SELECT min(bucket) FROM error_${finer} WHERE bucket >= $1)) AS first`,
      [new Date(from).toISOString()],
    );
    const first = next[0]?.first?.getTime();
    if (first === undefined || first >= target) {
      await this.setSealed(c, level, target);
      return true;
    }
    const bucket = Math.max(from, floorTo(first, size));
    await this.rollUp(c, finer, level, bucket, bucket + size);
    await this.setSealed(c, level, bucket + size);
    this.logger.debug({ level, bucket: new Date(bucket).toISOString() }, 'sealed rollup bucket');
    return true;
  }

  private async rollUp(
    c: PgClient,
    finer: Level,
    level: Level,
    from: number,
    to: number,
  ): Promise<void> {
    const range = [new Date(from).toISOString(), new Date(to).toISOString()];
    // Concatenated sketches are their merge (see LatencySketch); normalised before writing.
    const { rows } = await c.query<{
      tenant_id: string;
      api_id: string;
      version: string;
      route_id: string;
      method: string;
      consumer_id: string;
      status_class: number;
      api_name: string | null;
      path_template: string | null;
      count: number;
      errors: number;
      bytes_in: number;
      bytes_out: number;
      latency_sum: number;
      latency_min: number;
      latency_max: number;
      sketch: Buffer;
    }>(
      `SELECT ${KEY}, max(api_name) AS api_name, max(path_template) AS path_template,
         sum(count) AS count, sum(errors) AS errors, sum(bytes_in) AS bytes_in, sum(bytes_out) AS bytes_out,
         sum(latency_sum) AS latency_sum, min(latency_min) AS latency_min, max(latency_max) AS latency_max,
         string_agg(sketch, ''::bytea) AS sketch
       FROM rollup_${finer} WHERE bucket >= $1 AND bucket < $2 GROUP BY ${KEY}`,
      range,
    );
    const out: RollupRow[] = rows.map((r) => ({
      bucket: from,
      tenantId: r.tenant_id,
      apiId: r.api_id,
      version: r.version,
      routeId: r.route_id,
      method: r.method,
      consumerId: r.consumer_id,
      statusClass: r.status_class,
      apiName: r.api_name,
      pathTemplate: r.path_template,
      count: r.count,
      errors: r.errors,
      bytesIn: r.bytes_in,
      bytesOut: r.bytes_out,
      latencySum: r.latency_sum,
      latencyMin: r.latency_min,
      latencyMax: r.latency_max,
      sketch: LatencySketch.decode(r.sketch).encode(),
    }));
    for (let i = 0; i < out.length; i += 5000) await addRollups(c, level, out.slice(i, i + 5000));
    const { rows: tenants } = await c.query<{
      tenant_id: string;
      count: number;
      errors: number;
      latency_sum: number;
      latency_min: number;
      latency_max: number;
      sketch: Buffer;
    }>(
      `SELECT tenant_id, sum(count) AS count, sum(errors) AS errors, sum(latency_sum) AS latency_sum,
         min(latency_min) AS latency_min, max(latency_max) AS latency_max, string_agg(sketch, ''::bytea) AS sketch
       FROM tenant_rollup_${finer} WHERE bucket >= $1 AND bucket < $2 GROUP BY tenant_id`,
      range,
    );
    await addTenantRollups(
      c,
      level,
      tenants.map((t) => ({
        bucket: from,
        tenantId: t.tenant_id,
        apiId: '',
        version: '',
        routeId: '',
        method: '',
        consumerId: '',
        statusClass: 0,
        apiName: null,
        pathTemplate: null,
        count: t.count,
        errors: t.errors,
        bytesIn: 0,
        bytesOut: 0,
        latencySum: t.latency_sum,
        latencyMin: t.latency_min,
        latencyMax: t.latency_max,
        sketch: t.sketch,
      })),
    );
    await c.query(
      `INSERT INTO error_${level} AS t (bucket, tenant_id, api_id, consumer_id, status, error_code, count)
       SELECT $1, tenant_id, api_id, consumer_id, status, error_code, sum(count)
       FROM error_${finer} WHERE bucket >= $1 AND bucket < $2
       GROUP BY tenant_id, api_id, consumer_id, status, error_code
       ON CONFLICT (tenant_id, bucket, api_id, consumer_id, status, error_code)
       DO UPDATE SET count = t.count + excluded.count`,
      range,
    );
  }

  private async setSealed(c: PgClient, level: string, until: number): Promise<void> {
    await c.query('UPDATE rollup_state SET sealed_until = $2 WHERE level = $1', [
      level,
      new Date(until).toISOString(),
    ]);
  }

  private async sealedUntil(level: string): Promise<number | undefined> {
    const rows = await this.db.query<{ sealed_until: Date }>(
      'SELECT sealed_until FROM rollup_state WHERE level = $1',
      [level],
    );
    return rows[0]?.sealed_until.getTime();
  }
}
