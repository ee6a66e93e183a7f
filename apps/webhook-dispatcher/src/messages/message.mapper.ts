import type {
  WebhookAttempt,
  WebhookDeadLetter,
  WebhookDelivery,
  WebhookMessage,
} from '@portico/contracts';
import type {
  WebhookAttempt as AttemptRow,
  WebhookDelivery as DeliveryRow,
  WebhookMessage as MessageRow,
} from '../generated/prisma/client';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDeliveryDto(d: DeliveryRow): WebhookDelivery {
  return {
    endpointId: d.endpointId,
    status: d.status as WebhookDelivery['status'],
    attemptCount: d.attemptCount,
    // While a worker holds the delivery, next_attempt_at is its lease: not a scheduled attempt.
    nextAttemptAt: d.status === 'pending' && !d.leaseOwner ? iso(d.nextAttemptAt) : null,
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    completedAt: iso(d.completedAt),
  };
}

export function toMessageDto(m: MessageRow & { deliveries?: DeliveryRow[] }): WebhookMessage {
  const dto: WebhookMessage = {
    id: m.id,
    tenantId: m.tenantId,
    eventId: m.eventId,
    eventType: m.eventType,
    consumerId: m.consumerId,
    payload: m.payload,
    timestamp: m.occurredAt.toISOString(),
    source: m.source as WebhookMessage['source'],
    createdAt: m.createdAt.toISOString(),
  };
  if (m.deliveries) dto.deliveries = m.deliveries.map(toDeliveryDto);
  return dto;
}

export function toAttemptDto(a: AttemptRow): WebhookAttempt {
  return {
    id: a.id,
    messageId: a.messageId,
    endpointId: a.endpointId,
    url: a.url,
    status: a.status as WebhookAttempt['status'],
    responseStatus: a.responseStatus,
    responseHeaders: (a.responseHeaders as Record<string, string> | null) ?? null,
    responseBody: a.responseBody,
    error: a.error,
    durationMs: a.durationMs,
    trigger: a.trigger as WebhookAttempt['trigger'],
    timestamp: a.createdAt.toISOString(),
  };
}

export function toDeadLetterDto(
  d: DeliveryRow & { message: { eventType: string } },
): WebhookDeadLetter {
  return {
    messageId: d.messageId,
    endpointId: d.endpointId,
    eventType: d.message.eventType,
    attemptCount: d.attemptCount,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    failedAt: iso(d.completedAt),
    createdAt: d.createdAt.toISOString(),
  };
}
