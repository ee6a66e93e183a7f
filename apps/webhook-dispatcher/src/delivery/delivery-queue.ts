import { Injectable } from '@nestjs/common';
import { createCloudEvent } from '@portico/contracts';
import { writeOutboxEvent, type SqlExecutor } from '@portico/messaging';
import { InjectDatabase } from '@portico/platform';
import type { PrismaClient } from '../generated/prisma/client';
import type { DeliveryJob, DeliveryResult } from './delivery.types';

/**
 * Due deliveries are leased by pushing next_attempt_at to the end of the lease and stamping a claim
 * token: a worker killed mid-delivery leaves rows that come due again when the lease runs out.
 */
const CLAIM = `WITH due AS (
  SELECT message_id, endpoint_id FROM webhook_deliveries
  WHERE status = 'pending' AND next_attempt_at <= CAST($1 AS timestamptz)
  ORDER BY next_attempt_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE webhook_deliveries d
  SET next_attempt_at = CAST($1 AS timestamptz) + make_interval(secs => e.timeout_seconds + $3),
      lease_owner = $4
  FROM due, webhook_endpoints e
  WHERE d.message_id = due.message_id AND d.endpoint_id = due.endpoint_id AND e.id = d.endpoint_id
  RETURNING d.message_id, d.endpoint_id, d.tenant_id, d.attempt_count, d.resent_at
)
SELECT c.message_id, c.endpoint_id, c.tenant_id, c.attempt_count, c.resent_at IS NOT NULL AS manual,
  m.event_type, CAST(m.payload AS text) AS payload, m.occurred_at, m.created_at AS message_created_at,
  e.url, e.http_method, e.headers, e.secret_encrypted, e.previous_secret_encrypted,
  e.previous_secret_until, e.is_active, e.rate_limit_per_second, e.timeout_seconds, e.retry_count,
  e.retry_schedule
FROM claimed c
JOIN webhook_messages m ON m.id = c.message_id
JOIN webhook_endpoints e ON e.id = c.endpoint_id`;

/**
 * One statement writes a batch of outcomes: delivery states (only where our claim still holds the
 * row: a resend or a retaken lease wins), the attempt log, and endpoint health (a success ends a run
 * of failures; a failure starts one). One round trip and one commit per batch.
 */
const RECORD = `WITH r AS (
  SELECT * FROM jsonb_to_recordset(CAST($1 AS jsonb)) AS r(message_id text, endpoint_id text,
    lease_owner text, status text, attempt_count int, next_attempt_at timestamptz, attempted boolean,
    last_attempt_at timestamptz, last_status int, last_error text, completed_at timestamptz)
), upd AS (
  UPDATE webhook_deliveries d SET
    status = r.status,
    attempt_count = r.attempt_count,
    next_attempt_at = r.next_attempt_at,
    lease_owner = NULL,
    last_attempt_at = COALESCE(r.last_attempt_at, d.last_attempt_at),
    last_status = CASE WHEN r.attempted THEN r.last_status ELSE d.last_status END,
    last_error = CASE WHEN r.attempted OR r.last_error IS NOT NULL THEN r.last_error ELSE d.last_error END,
    completed_at = r.completed_at,
    resent_at = CASE WHEN r.attempted THEN NULL ELSE d.resent_at END
  FROM r
  WHERE d.message_id = r.message_id AND d.endpoint_id = r.endpoint_id AND d.lease_owner = r.lease_owner
  RETURNING d.message_id, d.endpoint_id
), att AS (
  INSERT INTO webhook_attempts (id, tenant_id, message_id, endpoint_id, url, status, response_status,
    response_headers, response_body, error, duration_ms, trigger, created_at)
  SELECT a.id, a.tenant_id, a.message_id, a.endpoint_id, a.url, a.status, a.response_status,
    a.response_headers, a.response_body, a.error, a.duration_ms, a.trigger, a.created_at
  FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS a(id text, tenant_id text, message_id text,
    endpoint_id text, url text, status text, response_status int, response_headers jsonb,
    response_body text, error text, duration_ms int, trigger text, created_at timestamptz)
), healthy AS (
  UPDATE webhook_endpoints SET failing_since = NULL
  WHERE id = ANY(CAST($3 AS text[])) AND failing_since IS NOT NULL
), failing AS (
  UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, CAST($5 AS timestamptz))
  WHERE id = ANY(CAST($4 AS text[])) AND is_active
  RETURNING id, failing_since
)
SELECT 'owned' AS kind, message_id || ' ' || endpoint_id AS key, NULL AS since FROM upd
UNION ALL
SELECT 'failing', id, CAST(failing_since AS text) FROM failing`;

const DISABLE = `UPDATE webhook_endpoints
SET is_active = false, disabled_reason = $2, disabled_at = CAST($3 AS timestamptz), updated_at = CAST($3 AS timestamptz)
WHERE id = ANY(CAST($1 AS text[])) AND is_active
RETURNING id, tenant_id, url`;

interface ClaimRow {
  message_id: string;
  endpoint_id: string;
  tenant_id: string;
  attempt_count: number;
  manual: boolean;
  event_type: string;
  payload: string;
  occurred_at: Date;
  message_created_at: Date;
  url: string;
  http_method: string;
  headers: Record<string, string>;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_until: Date | null;
  is_active: boolean;
  rate_limit_per_second: number | null;
  timeout_seconds: number;
  retry_count: number;
  retry_schedule: number[] | null;
}

/** Postgres text cannot hold NUL; receivers' bodies sometimes do. */
const clean = (s: string | null) => (s === null ? null : s.split('\u0000').join('\uFFFD'));

/** Outcomes that the worker writes back, with what they mean for endpoints and events. */
export interface RecordOutcome {
  written: number;
  eventsWritten: number;
}

/**
 * The delivery queue in PostgreSQL: fan-out of new messages, claims with expiring leases
 * (FOR UPDATE SKIP LOCKED, so instances share the work), and outcomes written back in batches.
 * It serves every tenant (workers do); rows carry their tenant and every API read is scoped.
 */
@Injectable()
export class DeliveryQueue {
  constructor(@InjectDatabase() private readonly db: PrismaClient) {}

  async claim(now: Date, limit: number, leaseMarginSeconds: number, owner: string) {
    const rows = await this.db.$queryRawUnsafe<ClaimRow[]>(
      CLAIM,
      now.toISOString(),
      limit,
      leaseMarginSeconds,
      owner,
    );
    return rows.map((r): DeliveryJob => ({
      messageId: r.message_id,
      endpointId: r.endpoint_id,
      tenantId: r.tenant_id,
      leaseOwner: owner,
      attemptCount: r.attempt_count,
      manual: r.manual,
      eventType: r.event_type,
      payload: r.payload,
      occurredAt: new Date(r.occurred_at),
      messageCreatedAt: new Date(r.message_created_at),
      url: r.url,
      httpMethod: r.http_method,
      headers: r.headers ?? {},
      secretEncrypted: r.secret_encrypted,
      previousSecretEncrypted: r.previous_secret_encrypted,
      previousSecretUntil: r.previous_secret_until ? new Date(r.previous_secret_until) : null,
      isActive: r.is_active,
      rateLimitPerSecond: r.rate_limit_per_second,
      timeoutSeconds: r.timeout_seconds,
      retryCount: r.retry_count,
      retrySchedule: r.retry_schedule ?? [],
    }));
  }

  /**
   * Writes a batch of outcomes. Batches that end a delivery with an event (retries exhausted, 410
   * Gone) run in one transaction with the outbox rows, so the event goes out exactly when the state
   * changes; the common batch is a single statement.
   */
  async record(
    results: readonly DeliveryResult[],
    now: Date,
    disableAfterMs: number,
  ): Promise<RecordOutcome> {
    const withEvents = results.some((r) => r.exhausted || r.gone);
    if (withEvents)
      return this.db.$transaction((tx) => this.write(tx, results, now, disableAfterMs));
    return this.write(this.db, results, now, disableAfterMs);
  }

  private async write(
    ex: SqlExecutor,
    results: readonly DeliveryResult[],
    now: Date,
    disableAfterMs: number,
  ): Promise<RecordOutcome> {
    // The last attempt of the batch for each endpoint says whether it is healthy now.
    const last = new Map<string, DeliveryResult>();
    for (const r of results) if (r.attempt) last.set(r.job.endpointId, r);
    const healthy = [...last.values()].filter((r) => r.attempt!.succeeded);
    const failing = [...last.values()].filter((r) => !r.attempt!.succeeded);
    const rows = await ex.$queryRawUnsafe<{ kind: string; key: string; since: string | null }[]>(
      RECORD,
      JSON.stringify(results.map((r) => deliveryRow(r, now))),
      JSON.stringify(results.filter((r) => r.attempt).map(attemptRow)),
      healthy.map((r) => r.job.endpointId),
      failing.map((r) => r.job.endpointId),
      now.toISOString(),
    );
    const owned = new Set(rows.filter((r) => r.kind === 'owned').map((r) => r.key));
    const toDisable = new Map<string, 'gone' | 'failing'>();
    for (const r of results) if (r.gone) toDisable.set(r.job.endpointId, 'gone');
    for (const r of rows) {
      if (r.kind !== 'failing' || toDisable.has(r.key)) continue;
      if (now.getTime() - Date.parse(r.since!) >= disableAfterMs) toDisable.set(r.key, 'failing');
    }
    let events = 0;
    for (const r of results) {
      if (!r.exhausted || !owned.has(`${r.job.messageId} ${r.job.endpointId}`)) continue;
      // A failing subscriber of webhook.* events would otherwise feed itself new messages.
      if (r.job.eventType.startsWith('webhook.')) continue;
      await writeOutboxEvent(
        ex,
        createCloudEvent({
          source: 'webhook-dispatcher',
          type: 'webhook.message.exhausted',
          tenantId: r.job.tenantId,
          subject: r.job.messageId,
          data: {
            messageId: r.job.messageId,
            endpointId: r.job.endpointId,
            eventType: r.job.eventType,
            attempts: r.attemptCount,
          },
        }),
      );
      events++;
    }
    if (toDisable.size > 0) {
      // Disabling and its event are one transaction of their own when the batch had none.
      events +=
        ex === this.db
          ? await this.db.$transaction((tx) => this.disable(tx, toDisable, now, disableAfterMs))
          : await this.disable(ex, toDisable, now, disableAfterMs);
    }
    return { written: owned.size, eventsWritten: events };
  }

  private async disable(
    tx: SqlExecutor,
    endpoints: Map<string, 'gone' | 'failing'>,
    now: Date,
    disableAfterMs: number,
  ): Promise<number> {
    let events = 0;
    for (const reason of ['gone', 'failing'] as const) {
      const ids = [...endpoints].filter(([, why]) => why === reason).map(([id]) => id);
      if (ids.length === 0) continue;
      const disabled = await tx.$queryRawUnsafe<{ id: string; tenant_id: string; url: string }[]>(
        DISABLE,
        ids,
        reason,
        now.toISOString(),
      );
      for (const d of disabled) {
        await writeOutboxEvent(
          tx,
          createCloudEvent({
            source: 'webhook-dispatcher',
            type: 'webhook.endpoint.disabled',
            tenantId: d.tenant_id,
            subject: d.id,
            data: {
              endpointId: d.id,
              url: d.url,
              reason:
                reason === 'gone'
                  ? 'The endpoint answered 410 Gone.'
                  : `The endpoint failed every attempt for ${Math.round(disableAfterMs / 3_600_000)} hours.`,
            },
          }),
        );
        events++;
      }
    }
    return events;
  }
}

function deliveryRow(r: DeliveryResult, now: Date) {
  const completed = r.status !== 'pending';
  return {
    message_id: r.job.messageId,
    endpoint_id: r.job.endpointId,
    lease_owner: r.job.leaseOwner,
    status: r.status,
    attempt_count: r.attemptCount,
    next_attempt_at: r.nextAttemptAt?.toISOString() ?? null,
    attempted: r.attempt !== undefined,
    last_attempt_at: r.attempt?.at.toISOString() ?? null,
    last_status: r.attempt?.responseStatus ?? null,
    last_error: clean(r.attempt?.error ?? r.note ?? null),
    completed_at: completed ? (r.attempt?.at ?? now).toISOString() : null,
  };
}

function attemptRow(r: DeliveryResult) {
  const a = r.attempt!;
  return {
    id: a.id,
    tenant_id: r.job.tenantId,
    message_id: r.job.messageId,
    endpoint_id: r.job.endpointId,
    url: a.url,
    status: a.succeeded ? 'succeeded' : 'failed',
    response_status: a.responseStatus,
    response_headers: a.responseHeaders,
    response_body: clean(a.responseBody),
    error: clean(a.error),
    duration_ms: a.durationMs,
    trigger: r.job.manual ? 'manual' : 'scheduled',
    created_at: a.at.toISOString(),
  };
}

const RECOVERABLE = `SELECT message_id FROM webhook_deliveries
WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'failed'
  AND created_at >= CAST($3 AS timestamptz) AND created_at < CAST($4 AS timestamptz)
ORDER BY created_at LIMIT $5`;

/** Back to the queue with a fresh schedule; a held lease is dropped so the resend wins. */
const REQUEUE = `UPDATE webhook_deliveries SET status = 'pending', attempt_count = 0,
  next_attempt_at = CAST($3 AS timestamptz), resent_at = CAST($3 AS timestamptz),
  lease_owner = NULL, completed_at = NULL
WHERE tenant_id = $1 AND endpoint_id = $2 AND message_id = ANY(CAST($4 AS text[]))`;

const INSERT_RESEND = `INSERT INTO webhook_deliveries
  (message_id, endpoint_id, tenant_id, status, next_attempt_at, resent_at, created_at)
VALUES ($3, $2, $1, 'pending', CAST($4 AS timestamptz), CAST($4 AS timestamptz), CAST($4 AS timestamptz))
ON CONFLICT (message_id, endpoint_id) DO UPDATE SET status = 'pending', attempt_count = 0,
  next_attempt_at = EXCLUDED.next_attempt_at, resent_at = EXCLUDED.resent_at, lease_owner = NULL,
  completed_at = NULL`;

/** Manual replays, scoped to a tenant. */
export class DeliveryReplays {
  constructor(private readonly db: SqlExecutor) {}

  /** Failed deliveries to an endpoint created in [since, until), oldest first, at most `max`. */
  async recover(
    tenantId: string,
    endpointId: string,
    range: { since: Date; until: Date },
    max: number,
    now: Date,
  ): Promise<{ recovered: number; more: boolean }> {
    const rows = await this.db.$queryRawUnsafe<{ message_id: string }[]>(
      RECOVERABLE,
      tenantId,
      endpointId,
      range.since.toISOString(),
      range.until.toISOString(),
      max + 1,
    );
    const ids = rows.slice(0, max).map((r) => r.message_id);
    if (ids.length > 0) {
      await this.db.$executeRawUnsafe(REQUEUE, tenantId, endpointId, now.toISOString(), ids);
    }
    return { recovered: ids.length, more: rows.length > max };
  }

  /** One message to one endpoint again, whether it was delivered, failed or never matched. */
  async resend(tenantId: string, endpointId: string, messageId: string, now: Date): Promise<void> {
    await this.db.$executeRawUnsafe(
      INSERT_RESEND,
      tenantId,
      endpointId,
      messageId,
      now.toISOString(),
    );
  }
}
