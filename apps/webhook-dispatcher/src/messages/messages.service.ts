import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  IdPrefix,
  isReservedWebhookEventType,
  newId,
  PorticoError,
  WEBHOOK_RESERVED_EVENT_NAMESPACES,
  type CreateWebhookMessage,
  type ListWebhookAttemptsQuery,
  type ListWebhookDeadLettersQuery,
  type ListWebhookMessagesQuery,
  type WebhookMessage,
} from '@portico/contracts';
import type { SqlExecutor } from '@portico/messaging';
import { InjectConfig, InjectDatabase } from '@portico/platform';
import { Clock } from '../common/clock';
import type { WebhookScope } from '../common/scope';
import type { WebhookDispatcherConfig } from '../config';
import { DeliveryReplays } from '../delivery/delivery-queue';
import { FanOut } from '../delivery/fan-out';
import { DeliveryWorker } from '../delivery/delivery-worker';
import type { PrismaClient } from '../generated/prisma/client';
import { toAttemptDto, toDeadLetterDto, toDeliveryDto, toMessageDto } from './message.mapper';
import { MessagesRepository } from './messages.repository';

/** Takes the key when it is new or expired; otherwise returns who holds it (after its commit). */
const CLAIM_KEY = `INSERT INTO webhook_idempotency_keys (tenant_id, key, request_hash, message_id, expires_at)
VALUES ($1, $2, $3, $4, CAST($5 AS timestamptz))
ON CONFLICT (tenant_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
  message_id = EXCLUDED.message_id, expires_at = EXCLUDED.expires_at
WHERE webhook_idempotency_keys.expires_at <= CAST($6 AS timestamptz)
RETURNING message_id`;
const HELD_KEY = `SELECT request_hash, message_id FROM webhook_idempotency_keys WHERE tenant_id = $1 AND key = $2`;
const SET_KEY_MESSAGE = `UPDATE webhook_idempotency_keys SET message_id = $3 WHERE tenant_id = $1 AND key = $2`;

export interface PublishResult {
  message: WebhookMessage;
  /** False when an Idempotency-Key or an eventId named a message that already existed. */
  created: boolean;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly repo: MessagesRepository,
    private readonly fanOut: FanOut,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
    @InjectDatabase() private readonly db: PrismaClient,
    @InjectConfig() private readonly config: WebhookDispatcherConfig,
  ) {}

  async publish(
    tenantId: string,
    input: CreateWebhookMessage,
    idempotencyKey: string | undefined,
  ): Promise<PublishResult> {
    if (isReservedWebhookEventType(input.eventType)) {
      throw PorticoError.validation('This event type belongs to Portico.', [
        {
          field: 'eventType',
          message: `custom types must not start with ${WEBHOOK_RESERVED_EVENT_NAMESPACES.join(', ')}`,
        },
      ]);
    }
    const now = this.clock.now();
    const id = newId(IdPrefix.message);
    let started: { committed(): void; aborted(): void } | undefined;
    let outcome: { id: string; created: boolean } | { eventId: string; created: false };
    try {
      outcome = await this.db.$transaction(async (tx) => {
        if (idempotencyKey !== undefined) {
          const held = await this.claimKey(tx, tenantId, idempotencyKey, hashOf(input), id, now);
          if (held) return { id: held, created: false };
        }
        const message = {
          id,
          tenantId,
          eventId: input.eventId ?? id,
          eventType: input.eventType,
          consumerId: input.consumerId ?? null,
          payload: input.payload,
          payloadJson: JSON.stringify(input.payload),
          occurredAt: now,
          source: 'api' as const,
        };
        const run = await this.fanOut.persist(tx, [message], 'api');
        started = run;
        if (run.fresh.has(id)) return { id, created: true };
        return { eventId: message.eventId, created: false as const };
      });
    } catch (err) {
      started?.aborted();
      throw err;
    }
    started?.committed();
    const message =
      'id' in outcome
        ? await this.repo.find({ tenantId, consumerId: null }, outcome.id)
        : await this.repo.findByEventId(tenantId, outcome.eventId);
    if (!message) throw new Error('published message not found');
    if (idempotencyKey !== undefined && !('id' in outcome)) {
      await this.db.$executeRawUnsafe(SET_KEY_MESSAGE, tenantId, idempotencyKey, message.id);
    }
    return { message: toMessageDto(message), created: outcome.created };
  }

  /** Null when the key is ours now; else the message id it already names. */
  private async claimKey(
    tx: SqlExecutor,
    tenantId: string,
    key: string,
    requestHash: string,
    messageId: string,
    now: Date,
  ): Promise<string | null> {
    const expires = new Date(now.getTime() + this.config.WEBHOOK_IDEMPOTENCY_TTL_HOURS * 3_600_000);
    const claimed = await tx.$queryRawUnsafe<unknown[]>(
      CLAIM_KEY,
      tenantId,
      key,
      requestHash,
      messageId,
      expires.toISOString(),
      now.toISOString(),
    );
    if (claimed.length > 0) return null;
    const [held] = await tx.$queryRawUnsafe<{ request_hash: string; message_id: string }[]>(
      HELD_KEY,
      tenantId,
      key,
    );
    if (!held) throw new Error('idempotency key vanished');
    if (held.request_hash !== requestHash) {
      throw new PorticoError(
        ErrorCode.CONFLICT,
        'This Idempotency-Key was used with a different request.',
        [{ field: 'Idempotency-Key', message: 'reused with another body' }],
      );
    }
    return held.message_id;
  }

  async get(scope: WebhookScope, id: string): Promise<WebhookMessage> {
    const m = await this.repo.find(scope, id);
    if (!m) throw PorticoError.notFound('Webhook message', id);
    return toMessageDto(m);
  }

  async list(scope: WebhookScope, q: ListWebhookMessagesQuery) {
    const { items, total } = await this.repo.list(scope, q);
    return { items: items.map((m) => toMessageDto(m)), total };
  }

  async attempts(scope: WebhookScope, messageId: string, q: ListWebhookAttemptsQuery) {
    await this.get(scope, messageId);
    const { items, total } = await this.repo.attempts(scope, messageId, q);
    return { items: items.map(toAttemptDto), total };
  }

  async deadLetters(scope: WebhookScope, q: ListWebhookDeadLettersQuery) {
    const { items, total } = await this.repo.deadLetters(scope, q);
    return { items: items.map(toDeadLetterDto), total };
  }

  async resend(scope: WebhookScope, messageId: string, endpointId: string) {
    await this.get(scope, messageId);
    const endpoint = await this.repo.endpointInScope(scope, endpointId);
    if (!endpoint) throw PorticoError.notFound('Webhook endpoint', endpointId);
    if (!endpoint.isActive) {
      throw new PorticoError(ErrorCode.CONFLICT, 'Enable the endpoint before resending to it.');
    }
    await new DeliveryReplays(this.db).resend(
      scope.tenantId,
      endpointId,
      messageId,
      this.clock.now(),
    );
    this.worker.notify();
    const m = await this.repo.find(scope, messageId);
    const delivery = m?.deliveries.find((d) => d.endpointId === endpointId);
    if (!delivery) throw PorticoError.notFound('Webhook message', messageId);
    return toDeliveryDto(delivery);
  }
}

function hashOf(input: CreateWebhookMessage): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
