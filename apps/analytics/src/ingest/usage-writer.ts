import { createCloudEvent, type EventData } from '@portico/contracts';
import { writeOutboxEvent } from '@portico/messaging';
import { type PgClient, sqlExecutor } from '../shared/database';
import type { CatalogEntry, UsageDelta } from './aggregate';
import { crossedThresholds } from './quota';

const iso = (ms: number) => new Date(ms).toISOString();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Adds a batch's usage to each consumer's billing period and, in the same transaction, writes one
 * `analytics.usage.threshold_reached` per quota threshold the batch crossed. The batch's events are
 * new (deduplicated), so a crossing is seen exactly once.
 */
export async function addUsage(
  client: PgClient,
  input: readonly UsageDelta[],
  now: Date,
): Promise<number> {
  if (input.length === 0) return 0;
  // One lock order for concurrent batches: no deadlock on a consumer row both update.
  const deltas = [...input].sort(
    (a, b) =>
      cmp(a.tenantId, b.tenantId) || cmp(a.period, b.period) || cmp(a.consumerId, b.consumerId),
  );
  const { rows } = await client.query<{
    tenant_id: string;
    period: string;
    consumer_id: string;
    requests: number;
    quota_per_month: number | null;
    plan_id: string | null;
  }>(
    `INSERT INTO consumer_usage AS t (tenant_id, period, consumer_id, requests, errors, bytes_in, bytes_out,
       plan_id, quota_per_month, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[],
       $8::text[], $9::int4[], $10::timestamptz[])
     ON CONFLICT (tenant_id, period, consumer_id) DO UPDATE SET
       requests = t.requests + excluded.requests,
       errors = t.errors + excluded.errors,
       bytes_in = t.bytes_in + excluded.bytes_in,
       bytes_out = t.bytes_out + excluded.bytes_out,
       plan_id = CASE WHEN excluded.updated_at >= t.updated_at THEN excluded.plan_id ELSE t.plan_id END,
       quota_per_month = CASE WHEN excluded.updated_at >= t.updated_at THEN excluded.quota_per_month
                              ELSE t.quota_per_month END,
       updated_at = GREATEST(t.updated_at, excluded.updated_at)
     RETURNING tenant_id, period, consumer_id, requests, quota_per_month, plan_id`,
    [
      deltas.map((d) => d.tenantId),
      deltas.map((d) => d.period),
      deltas.map((d) => d.consumerId),
      deltas.map((d) => d.requests),
      deltas.map((d) => d.errors),
      deltas.map((d) => d.bytesIn),
      deltas.map((d) => d.bytesOut),
      deltas.map((d) => d.planId),
      deltas.map((d) => d.quotaPerMonth),
      deltas.map((d) => iso(d.lastMs)),
    ],
  );
  const added = new Map(
    deltas.map((d) => [`${d.tenantId}\u0000${d.period}\u0000${d.consumerId}`, d.requests]),
  );
  const tx = sqlExecutor(client);
  let written = 0;
  for (const r of rows) {
    const delta = added.get(`${r.tenant_id}\u0000${r.period}\u0000${r.consumer_id}`) ?? 0;
    for (const threshold of crossedThresholds(r.requests - delta, r.requests, r.quota_per_month)) {
      const data: EventData<'analytics.usage.threshold_reached'> = {
        consumerId: r.consumer_id,
        period: r.period,
        used: r.requests,
        quota: r.quota_per_month!,
        threshold,
        planId: r.plan_id,
      };
      await writeOutboxEvent(
        tx,
        createCloudEvent({
          source: 'analytics',
          type: 'analytics.usage.threshold_reached',
          tenantId: r.tenant_id,
          subject: r.consumer_id,
          data,
          time: now,
        }),
      );
      written++;
    }
  }
  return written;
}

export async function addCatalog(client: PgClient, input: readonly CatalogEntry[]): Promise<void> {
  if (input.length === 0) return;
  const entries = [...input].sort((a, b) => cmp(a.tenantId, b.tenantId) || cmp(a.apiId, b.apiId));
  await client.query(
    `INSERT INTO api_catalog AS t (tenant_id, api_id, api_name, first_seen, last_seen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
     ON CONFLICT (tenant_id, api_id) DO UPDATE SET
       api_name = CASE WHEN excluded.last_seen >= t.last_seen THEN COALESCE(excluded.api_name, t.api_name)
                       ELSE t.api_name END,
       first_seen = LEAST(t.first_seen, excluded.first_seen),
       last_seen = GREATEST(t.last_seen, excluded.last_seen)`,
    [
      entries.map((e) => e.tenantId),
      entries.map((e) => e.apiId),
      entries.map((e) => e.apiName),
      entries.map((e) => iso(e.firstMs)),
      entries.map((e) => iso(e.lastMs)),
    ],
  );
}
