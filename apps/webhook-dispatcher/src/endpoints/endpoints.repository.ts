import { Injectable } from '@nestjs/common';
import { InjectDatabase } from '@portico/platform';
import type { WebhookScope } from '../common/scope';
import { Prisma, type PrismaClient, type WebhookEndpoint } from '../generated/prisma/client';

export type EndpointRow = WebhookEndpoint;

/** Endpoints of one tenant (and consumer, for consumer callers); another tenant's are invisible. */
@Injectable()
export class EndpointsRepository {
  constructor(@InjectDatabase() private readonly db: PrismaClient) {}

  private where(scope: WebhookScope): Prisma.WebhookEndpointWhereInput {
    return scope.consumerId === null
      ? { tenantId: scope.tenantId }
      : { tenantId: scope.tenantId, consumerId: scope.consumerId };
  }

  create(data: Prisma.WebhookEndpointUncheckedCreateInput): Promise<EndpointRow> {
    return this.db.webhookEndpoint.create({ data });
  }

  find(scope: WebhookScope, id: string): Promise<EndpointRow | null> {
    return this.db.webhookEndpoint.findFirst({ where: { ...this.where(scope), id } });
  }

  async list(
    scope: WebhookScope,
    page: { skip: number; take: number },
  ): Promise<{ items: EndpointRow[]; total: number }> {
    const where = this.where(scope);
    const [items, total] = await this.db.$transaction([
      this.db.webhookEndpoint.findMany({ where, orderBy: { id: 'asc' }, ...page }),
      this.db.webhookEndpoint.count({ where }),
    ]);
    return { items, total };
  }

  /** Null when the endpoint is not in scope. */
  async update(
    scope: WebhookScope,
    id: string,
    data: Prisma.WebhookEndpointUncheckedUpdateInput,
  ): Promise<EndpointRow | null> {
    const { count } = await this.db.webhookEndpoint.updateMany({
      where: { ...this.where(scope), id },
      data,
    });
    return count === 0 ? null : this.find(scope, id);
  }

  async delete(scope: WebhookScope, id: string): Promise<boolean> {
    const { count } = await this.db.webhookEndpoint.deleteMany({
      where: { ...this.where(scope), id },
    });
    return count > 0;
  }
}
