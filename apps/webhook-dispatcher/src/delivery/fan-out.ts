import { Injectable } from '@nestjs/common';
import { newId, type CloudEvent, type WebhookPayloadFilter } from '@portico/contracts';
import type { SqlExecutor } from '@portico/messaging';
import { InjectConfig, InjectDatabase } from '@portico/platform';
import { Clock } from '../common/clock';
import { endpointMatches } from '../common/matching';
import type { WebhookDispatcherConfig } from '../config';
import type { PrismaClient } from '../generated/prisma/client';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryWorker } from './delivery-worker';
import type { DeliveryJob, NewMessage } from './delivery.types';

const ACTIVE_ENDPOINTS = `SELECT id, tenant_id, consumer_id, event_types, payload_filter, url, http_method,
  headers, secret_encrypted, previous_secret_encrypted, previous_secret_until, rate_limit_per_second,
  timeout_seconds, retry_count, retry_schedule
FROM webhook_endpoints WHERE tenant_id = ANY(CAST($1 AS text[])) AND is_active`;

/**
 * Messages and their deliveries in one statement (atomic without a transaction): event ids already
 * stored for the tenant are skipped, and so are their deliveries. Deliveries this instance sends at
 * once are inserted already leased to it, the others due now for any worker to claim.
 */
const FAN_OUT = `WITH msgs AS (
  INSERT INTO webhook_messages
    (id, tenant_id, event_id, event_type, consumer_id, payload, occurred_at, source, created_at)
  SELECT r.id, r.tenant_id, r.event_id, r.event_type, r.consumer_id, CAST(r.payload AS json),
    r.occurred_at, r.source, CAST($3 AS timestamptz)
  FROM jsonb_to_recordset(CAST($1 AS jsonb)) AS r(id text, tenant_id text, event_id text,
    event_type text, consumer_id text, payload text, occurred_at timestamptz, source text)
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING id
), dels AS (
  INSERT INTO webhook_deliveries
    (message_id, endpoint_id, tenant_id, status, next_attempt_at, lease_owner, created_at)
  SELECT r.message_id, r.endpoint_id, r.tenant_id, 'pending', r.next_attempt_at, r.lease_owner,
    CAST($3 AS timestamptz)
  FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS r(message_id text, endpoint_id text, tenant_id text,
    next_attempt_at timestamptz, lease_owner text)
  WHERE r.message_id IN (SELECT id FROM msgs)
)
SELECT id FROM msgs`;

interface EndpointRow {
  id: string;
  tenant_id: string;
  consumer_id: string | null;
  event_types: string[];
  payload_filter: WebhookPayloadFilter | null;
  url: string;
  http_method: string;
  headers: Record<string, string>;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_until: Date | null;
  rate_limit_per_second: number | null;
  timeout_seconds: number;
  retry_count: number;
  retry_schedule: number[] | null;
}

/**
 * Turns events into messages with one delivery per matching active endpoint of their tenant, and
 * hands the deliveries this instance has room for straight to its worker (no claim round trip).
 */
@Injectable()
export class FanOut {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
    private readonly metrics: DeliveryMetrics,
    @InjectConfig() private readonly config: WebhookDispatcherConfig,
  ) {}

  /** Domain events from NATS; resolves once they are committed (then they may be acked). */
  async ingestEvents(events: readonly CloudEvent[]): Promise<number> {
    const run = await this.persist(this.db, events.map(messageFromEvent), 'event');
    run.committed();
    return run.fresh.size;
  }

  /**
   * Persists `messages` and their deliveries through `ex` (the client, or the caller's
   * transaction). The caller calls `committed()` once the data is committed (the worker then starts
   * the deliveries it was handed), or `aborted()` if the transaction failed.
   */
  async persist(ex: SqlExecutor, messages: readonly NewMessage[], source: 'event' | 'api') {
    const now = this.clock.now();
    const tenants = [...new Set(messages.map((m) => m.tenantId))];
    const endpoints =
      messages.length === 0
        ? []
        : await ex.$queryRawUnsafe<EndpointRow[]>(ACTIVE_ENDPOINTS, tenants);
    const pairs: Array<{ message: NewMessage; endpoint: EndpointRow }> = [];
    for (const message of messages) {
      for (const endpoint of endpoints) {
        if (endpoint.tenant_id !== message.tenantId) continue;
        const filter = {
          consumerId: endpoint.consumer_id,
          eventTypes: endpoint.event_types,
          payloadFilter: endpoint.payload_filter,
        };
        if (endpointMatches(filter, message)) pairs.push({ message, endpoint });
      }
    }
    const lease = this.worker.reserve(pairs.length);
    const margin = this.config.WEBHOOK_LEASE_MARGIN_SECONDS * 1000;
    const deliveries = pairs.map(({ message, endpoint }, i) => ({
      message_id: message.id,
      endpoint_id: endpoint.id,
      tenant_id: message.tenantId,
      lease_owner: i < lease.slots ? lease.owner : null,
      next_attempt_at: (i < lease.slots
        ? new Date(now.getTime() + endpoint.timeout_seconds * 1000 + margin)
        : now
      ).toISOString(),
    }));
    let fresh: Set<string>;
    try {
      const rows =
        messages.length === 0
          ? []
          : await ex.$queryRawUnsafe<{ id: string }[]>(
              FAN_OUT,
              JSON.stringify(messages.map(messageRow)),
              JSON.stringify(deliveries),
              now.toISOString(),
            );
      fresh = new Set(rows.map((r) => r.id));
    } catch (err) {
      this.worker.release(lease.slots);
      throw err;
    }
    const handed = pairs.slice(0, lease.slots);
    return {
      fresh,
      committed: () => {
        const jobs = handed
          .filter((p) => fresh.has(p.message.id))
          .map((p) => toJob(p.message, p.endpoint, lease.owner, now));
        this.worker.release(lease.slots - jobs.length);
        this.worker.accept(jobs);
        if (fresh.size > 0) {
          this.metrics.messages.inc({ source }, fresh.size);
          // Deliveries beyond this instance's room are due now: let the claim loop look.
          if (pairs.length > lease.slots) this.worker.notify();
        }
      },
      aborted: () => this.worker.release(lease.slots),
    };
  }
}

function messageRow(m: NewMessage) {
  return {
    id: m.id,
    tenant_id: m.tenantId,
    event_id: m.eventId,
    event_type: m.eventType,
    consumer_id: m.consumerId,
    payload: m.payloadJson,
    occurred_at: m.occurredAt.toISOString(),
    source: m.source,
  };
}

function toJob(m: NewMessage, e: EndpointRow, owner: string, now: Date): DeliveryJob {
  return {
    messageId: m.id,
    endpointId: e.id,
    tenantId: m.tenantId,
    leaseOwner: owner,
    attemptCount: 0,
    manual: false,
    eventType: m.eventType,
    payload: m.payloadJson,
    occurredAt: m.occurredAt,
    messageCreatedAt: now,
    url: e.url,
    httpMethod: e.http_method,
    headers: e.headers ?? {},
    secretEncrypted: e.secret_encrypted,
    previousSecretEncrypted: e.previous_secret_encrypted,
    previousSecretUntil: e.previous_secret_until ? new Date(e.previous_secret_until) : null,
    isActive: true,
    rateLimitPerSecond: e.rate_limit_per_second,
    timeoutSeconds: e.timeout_seconds,
    retryCount: e.retry_count,
    retrySchedule: e.retry_schedule ?? [],
  };
}

export function messageFromEvent(e: CloudEvent): NewMessage {
  const data = e.data ?? {};
  const consumerId =
    typeof data === 'object' && typeof (data as { consumerId?: unknown }).consumerId === 'string'
      ? (data as { consumerId: string }).consumerId
      : null;
  const time = Date.parse(e.time);
  return {
    id: newId('msg'),
    tenantId: e.tenantid,
    eventId: e.id,
    eventType: e.type,
    consumerId,
    payload: data,
    payloadJson: JSON.stringify(data),
    occurredAt: Number.isNaN(time) ? new Date() : new Date(time),
    source: 'event',
  };
}
