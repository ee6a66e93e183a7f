import type { WebhookEndpoint, WebhookPayloadFilter } from '@portico/contracts';
import type { EndpointRow } from './endpoints.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEndpointDto(row: EndpointRow, secret?: string): WebhookEndpoint {
  const dto: WebhookEndpoint = {
    id: row.id,
    tenantId: row.tenantId,
    consumerId: row.consumerId,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    payloadFilter: (row.payloadFilter as WebhookPayloadFilter | null) ?? null,
    httpMethod: row.httpMethod as WebhookEndpoint['httpMethod'],
    headers: (row.headers ?? {}) as Record<string, string>,
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    disabledAt: iso(row.disabledAt),
    rateLimitPerSecond: row.rateLimitPerSecond,
    timeoutSeconds: row.timeoutSeconds,
    retryCount: row.retryCount,
    retrySchedule: row.retrySchedule.length > 0 ? row.retrySchedule : null,
    failingSince: iso(row.failingSince),
    previousSecretUntil: iso(row.previousSecretUntil),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (secret !== undefined) dto.secret = secret;
  return dto;
}
