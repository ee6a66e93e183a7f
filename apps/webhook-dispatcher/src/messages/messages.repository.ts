import { Injectable } from '@nestjs/common';
import type {
  ListWebhookAttemptsQuery,
  ListWebhookDeadLettersQuery,
  ListWebhookMessagesQuery,
} from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { WebhookScope } from '../common/scope';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

const page = (q: { page: number; limit: number }) => ({
  skip: (q.page - 1) * q.limit,
  take: q.limit,
});

/** Messages, deliveries and attempts as the API reads them: always within one tenant's scope. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDatabase() private readonly db: PrismaClient) {}

  private messageWhere(scope: WebhookScope): Prisma.WebhookMessageWhereInput {
    return scope.consumerId === null
      ? { tenantId: scope.tenantId }
      : { tenantId: scope.tenantId, consumerId: scope.consumerId };
  }

  find(scope: WebhookScope, id: string) {
    return this.db.webhookMessage.findFirst({
      where: { ...this.messageWhere(scope), id },
      include: { deliveries: { orderBy: { endpointId: 'asc' } } },
    });
  }

  findByEventId(tenantId: string, eventId: string) {
    return this.db.webhookMessage.findUnique({
      where: { tenantId_eventId: { tenantId, eventId } },
      include: { deliveries: { orderBy: { endpointId: 'asc' } } },
    });
  }

  async list(scope: WebhookScope, q: ListWebhookMessagesQuery) {
    const where: Prisma.WebhookMessageWhereInput = { ...this.messageWhere(scope) };
    if (q.eventType) where.eventType = q.eventType;
    if (q.since || q.until) {
      where.createdAt = {
        ...(q.since ? { gte: new Date(q.since) } : {}),
        ...(q.until ? { lt: new Date(q.until) } : {}),
      };
    }
    if (q.endpointId || q.status) {
      where.deliveries = {
        some: {
          ...(q.endpointId ? { endpointId: q.endpointId } : {}),
          ...(q.status ? { status: q.status } : {}),
        },
      };
    }
    const [items, total] = await this.db.$transaction([
      this.db.webhookMessage.findMany({ where, orderBy: { id: 'desc' }, ...page(q) }),
      this.db.webhookMessage.count({ where }),
    ]);
    return { items, total };
  }

  async attempts(scope: WebhookScope, messageId: string, q: ListWebhookAttemptsQuery) {
    const where: Prisma.WebhookAttemptWhereInput = { tenantId: scope.tenantId, messageId };
    if (q.endpointId) where.endpointId = q.endpointId;
    if (q.status) where.status = q.status;
    const [items, total] = await this.db.$transaction([
      this.db.webhookAttempt.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...page(q),
      }),
      this.db.webhookAttempt.count({ where }),
    ]);
    return { items, total };
  }

  async deadLetters(scope: WebhookScope, q: ListWebhookDeadLettersQuery) {
    const where: Prisma.WebhookDeliveryWhereInput = { tenantId: scope.tenantId, status: 'failed' };
    if (scope.consumerId !== null) where.endpoint = { consumerId: scope.consumerId };
    if (q.endpointId) where.endpointId = q.endpointId;
    if (q.since) where.createdAt = { gte: new Date(q.since) };
    const [items, total] = await this.db.$transaction([
      this.db.webhookDelivery.findMany({
        where,
        include: { message: { select: { eventType: true } } },
        orderBy: [{ createdAt: 'desc' }, { messageId: 'desc' }],
        ...page(q),
      }),
      this.db.webhookDelivery.count({ where }),
    ]);
    return { items, total };
  }

  endpointInScope(scope: WebhookScope, id: string) {
    return this.db.webhookEndpoint.findFirst({
      where: {
        tenantId: scope.tenantId,
        id,
        ...(scope.consumerId === null ? {} : { consumerId: scope.consumerId }),
      },
      select: { id: true, isActive: true },
    });
  }
}
