import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PgClient } from '../shared/database';
import type { TrafficEvent } from './parse';

const COLUMNS = [
  'time',
  'request_id',
  'tenant_id',
  'api_id',
  'api_name',
  'version',
  'route_id',
  'method',
  'path_template',
  'path',
  'status',
  'upstream_instance',
  'latency_ms',
  'upstream_latency_ms',
  'gateway_latency_ms',
  'bytes_in',
  'bytes_out',
  'consumer_id',
  'key_id',
  'plan_id',
  'quota_per_month',
  'client_ip',
  'error_code',
  'cache_status',
].join(', ');

const UNIQUE_VIOLATION = '23505';
const ROWS_PER_CHUNK = 2000;

/**
 * Writes raw events and tells which of them are new. Fast path: one COPY straight into the
 * partitioned table, which fails on the first request id already stored (a redelivered batch).
 * Then, and only then, the batch goes through a temporary table and
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING`, which keeps exactly the new ones.
 */
export async function insertRawEvents(
  client: PgClient,
  events: readonly TrafficEvent[],
): Promise<TrafficEvent[]> {
  if (events.length === 0) return [];
  await client.query('SAVEPOINT raw_copy');
  try {
    await copyInto(client, `COPY raw_events (${COLUMNS}) FROM STDIN`, events);
    await client.query('RELEASE SAVEPOINT raw_copy');
    return [...events];
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT raw_copy');
  }
  await client.query(
    'CREATE TEMP TABLE IF NOT EXISTS raw_staging (LIKE raw_events) ON COMMIT DELETE ROWS',
  );
  await copyInto(client, `COPY raw_staging (${COLUMNS}) FROM STDIN`, events);
  const { rows } = await client.query<{ request_id: string; time: Date }>(
    `INSERT INTO raw_events (${COLUMNS}) SELECT ${COLUMNS} FROM raw_staging
     ON CONFLICT DO NOTHING RETURNING request_id, time`,
  );
  const inserted = new Set(rows.map((r) => `${r.time.getTime()}|${r.request_id}`));
  return events.filter((e) => inserted.has(`${e.ms}|${e.requestId}`));
}

async function copyInto(
  client: PgClient,
  sql: string,
  events: readonly TrafficEvent[],
): Promise<void> {
  await pipeline(Readable.from(copyChunks(events)), client.query(copyFrom(sql)));
}

function* copyChunks(events: readonly TrafficEvent[]): Generator<string> {
  for (let i = 0; i < events.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    const end = Math.min(events.length, i + ROWS_PER_CHUNK);
    for (let j = i; j < end; j++) chunk += copyLine(events[j]!);
    yield chunk;
  }
}

const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function copyLine(e: TrafficEvent): string {
  // The gateway's times are already what toISOString() would give back: no need to rebuild them.
  const time =
    e.time.length === 24 && CANONICAL_TIME.test(e.time) ? e.time : new Date(e.ms).toISOString();
  return (
    time +
    '\t' +
    text(e.requestId) +
    '\t' +
    text(e.tenantId) +
    '\t' +
    text(e.apiId) +
    '\t' +
    text(e.apiName) +
    '\t' +
    text(e.version) +
    '\t' +
    text(e.routeId) +
    '\t' +
    text(e.method) +
    '\t' +
    text(e.pathTemplate) +
    '\t' +
    text(e.path) +
    '\t' +
    e.status +
    '\t' +
    text(e.upstreamInstance) +
    '\t' +
    e.latencyMs +
    '\t' +
    num(e.upstreamLatencyMs) +
    '\t' +
    e.gatewayLatencyMs +
    '\t' +
    e.bytesIn +
    '\t' +
    e.bytesOut +
    '\t' +
    text(e.consumerId) +
    '\t' +
    text(e.keyId) +
    '\t' +
    text(e.planId) +
    '\t' +
    num(e.quotaPerMonth) +
    '\t' +
    text(e.clientIp) +
    '\t' +
    text(e.errorCode) +
    '\t' +
    text(e.cacheStatus) +
    '\n'
  );
}

const SPECIAL = /[\\\t\n\r\0]/;

/**
 * COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped; NUL, which
 * PostgreSQL text cannot hold, is dropped.
 */
export function text(v: string | null): string {
  if (v === null) return '\\N';
  if (!SPECIAL.test(v)) return v;
  return v.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c] ?? '');
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function num(v: number | null): string {
  return v === null ? '\\N' : String(v);
}
