import type { PgClient } from '../shared/database';
import { LatencySketch } from '../shared/latency-sketch';
import type { Level } from '../shared/time';

/** A rollup row to add into a level (its sketch serialised). */
export interface RollupRow {
  bucket: number;
  tenantId: string;
  apiId: string;
  version: string;
  routeId: string;
  method: string;
  consumerId: string;
  statusClass: number;
  apiName: string | null;
  pathTemplate: string | null;
  count: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  latencySum: number;
  latencyMin: number;
  latencyMax: number;
  sketch: Buffer;
}

export interface ErrorRow {
  bucket: number;
  tenantId: string;
  apiId: string;
  consumerId: string;
  status: number;
  errorCode: string;
  count: number;
}

const KEY = 'tenant_id, bucket, api_id, version, route_id, method, consumer_id, status_class';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Adds rows into a rollup level in one upsert: counts, sums and extremes are added, and sketches
 * concatenated, which merges them (see LatencySketch) without reading the row first. A minute row
 * thus holds one sketch record list per batch that touched it; the seal writes hour and day rows
 * normalised. Rows are sorted by key so that concurrent batches lock them in the same order.
 */
export async function addRollups(
  client: PgClient,
  level: Level,
  input: readonly RollupRow[],
): Promise<void> {
  if (input.length === 0) return;
  const table = `rollup_${level}`;
  const rows = [...input].sort(compareKeys);
  const keyParams = [
    rows.map((r) => iso(r.bucket)),
    rows.map((r) => r.tenantId),
    rows.map((r) => r.apiId),
    rows.map((r) => r.version),
    rows.map((r) => r.routeId),
    rows.map((r) => r.method),
    rows.map((r) => r.consumerId),
    rows.map((r) => r.statusClass),
  ];
  await client.query(
    `INSERT INTO ${table} AS t (bucket, tenant_id, api_id, version, route_id, method, consumer_id, status_class,
       api_name, path_template, count, errors, bytes_in, bytes_out, latency_sum, latency_min, latency_max, sketch)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::int2[], $9::text[], $10::text[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::float8[],
       $16::float8[], $17::float8[], $18::bytea[])
     ON CONFLICT (${KEY}) DO UPDATE SET
       api_name = COALESCE(excluded.api_name, t.api_name),
       path_template = COALESCE(excluded.path_template, t.path_template),
       count = t.count + excluded.count,
       errors = t.errors + excluded.errors,
       bytes_in = t.bytes_in + excluded.bytes_in,
       bytes_out = t.bytes_out + excluded.bytes_out,
       latency_sum = t.latency_sum + excluded.latency_sum,
       latency_min = LEAST(t.latency_min, excluded.latency_min),
       latency_max = GREATEST(t.latency_max, excluded.latency_max),
       sketch = t.sketch || excluded.sketch`,
    [
      ...keyParams,
      rows.map((r) => r.apiName),
      rows.map((r) => r.pathTemplate),
      rows.map((r) => r.count),
      rows.map((r) => r.errors),
      rows.map((r) => r.bytesIn),
      rows.map((r) => r.bytesOut),
      rows.map((r) => r.latencySum),
      rows.map((r) => r.latencyMin),
      rows.map((r) => r.latencyMax),
      rows.map((r) => r.sketch),
    ],
  );
}

/**
 * Adds the same rows, summed per tenant and bucket, into the level's tenant rollup: the metrics of a
 * whole tenant read a row per bucket there instead of every key's.
 */
export async function addTenantRollups(
  client: PgClient,
  level: Level,
  rows: readonly RollupRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const groups = new Map<
    string,
    {
      bucket: number;
      tenantId: string;
      count: number;
      errors: number;
      sum: number;
      min: number;
      max: number;
      sketches: Buffer[];
    }
  >();
  for (const r of rows) {
    const key = `${r.bucket}\u0000${r.tenantId}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          bucket: r.bucket,
          tenantId: r.tenantId,
          count: 0,
          errors: 0,
          sum: 0,
          min: r.latencyMin,
          max: r.latencyMax,
          sketches: [],
        }),
      );
    g.count += r.count;
    g.errors += r.errors;
    g.sum += r.latencySum;
    g.min = Math.min(g.min, r.latencyMin);
    g.max = Math.max(g.max, r.latencyMax);
    g.sketches.push(r.sketch);
  }
  const list = [...groups.values()].sort(
    (a, b) => a.bucket - b.bucket || cmp(a.tenantId, b.tenantId),
  );
  await client.query(
    `INSERT INTO tenant_rollup_${level} AS t (bucket, tenant_id, count, errors, latency_sum, latency_min, latency_max, sketch)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int8[], $4::int8[], $5::float8[], $6::float8[],
       $7::float8[], $8::bytea[])
     ON CONFLICT (tenant_id, bucket) DO UPDATE SET
       count = t.count + excluded.count,
       errors = t.errors + excluded.errors,
       latency_sum = t.latency_sum + excluded.latency_sum,
       latency_min = LEAST(t.latency_min, excluded.latency_min),
       latency_max = GREATEST(t.latency_max, excluded.latency_max),
       sketch = t.sketch || excluded.sketch`,
    [
      list.map((g) => iso(g.bucket)),
      list.map((g) => g.tenantId),
      list.map((g) => g.count),
      list.map((g) => g.errors),
      list.map((g) => g.sum),
      list.map((g) => g.min),
      list.map((g) => g.max),
      list.map((g) => LatencySketch.decode(Buffer.concat(g.sketches)).encode()),
    ],
  );
}

/** Adds failed-request counts into a level (plain sums: no lock needed beyond the row's). */
export async function addErrors(
  client: PgClient,
  level: Level,
  rows: readonly ErrorRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO error_${level} AS t (bucket, tenant_id, api_id, consumer_id, status, error_code, count)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::text[], $7::int8[])
     ON CONFLICT (tenant_id, bucket, api_id, consumer_id, status, error_code)
     DO UPDATE SET count = t.count + excluded.count`,
    [
      rows.map((r) => iso(r.bucket)),
      rows.map((r) => r.tenantId),
      rows.map((r) => r.apiId),
      rows.map((r) => r.consumerId),
      rows.map((r) => r.status),
      rows.map((r) => r.errorCode),
      rows.map((r) => r.count),
    ],
  );
}

export interface SealedUntil {
  hour: number;
  day: number;
}

export async function readSealedUntil(client: Pick<PgClient, 'query'>): Promise<SealedUntil> {
  const { rows } = await client.query<{ level: string; sealed_until: Date }>(
    'SELECT level, sealed_until FROM rollup_state',
  );
  const get = (level: string) => rows.find((r) => r.level === level)?.sealed_until.getTime() ?? 0;
  return { hour: get('hour'), day: get('day') };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: RollupRow, b: RollupRow): number {
  return (
    a.bucket - b.bucket ||
    cmp(a.tenantId, b.tenantId) ||
    cmp(a.apiId, b.apiId) ||
    cmp(a.version, b.version) ||
    cmp(a.routeId, b.routeId) ||
    cmp(a.method, b.method) ||
    cmp(a.consumerId, b.consumerId) ||
    a.statusClass - b.statusClass
  );
}
