import { Injectable } from '@nestjs/common';
import {
  type ListSubscriptionsQuery,
  pageOffset,
  type SubscriptionStatus,
} from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { AccessScope } from '../common/access-scope';
import { type Db, isNotFound, type Tx } from '../common/database';
import type { Prisma, Subscription } from '../generated/prisma/client';

/** Subscriptions visible in `scope`: its tenant, and for users/consumers only their consumers'. */
function visible(scope: AccessScope): Prisma.SubscriptionWhereInput {
  const where: Prisma.SubscriptionWhereInput = { tenantId: scope.tenantId };
  if (scope.consumerId !== undefined) where.consumerId = scope.consumerId;
  if (scope.ownerUserId !== undefined) where.consumer = { ownerUserId: scope.ownerUserId };
  return where;
}

@Injectable()
export class SubscriptionsRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  find(scope: AccessScope, id: string, tx?: Tx): Promise<Subscription | null> {
    return (tx ?? this.db).subscription.findFirst({ where: { ...visible(scope), id } });
  }

  findForVersion(tx: Tx, consumerId: string, apiVersionId: string): Promise<Subscription | null> {
    return tx.subscription.findUnique({
      where: { consumerId_apiVersionId: { consumerId, apiVersionId } },
    });
  }

  create(tx: Tx, data: Prisma.SubscriptionUncheckedCreateInput): Promise<Subscription> {
    return tx.subscription.create({ data });
  }

  async list(
    scope: AccessScope,
    q: ListSubscriptionsQuery,
  ): Promise<{ items: Subscription[]; total: number }> {
    const where: Prisma.SubscriptionWhereInput = {
      AND: [
        visible(scope),
        {
          ...(q.status ? { status: q.status } : {}),
          ...(q.consumerId ? { consumerId: q.consumerId } : {}),
          ...(q.apiId ? { apiId: q.apiId } : {}),
        },
      ],
    };
    const [items, total] = await Promise.all([
      this.db.subscription.findMany({ where, orderBy: { id: 'desc' }, ...pageOffset(q) }),
      this.db.subscription.count({ where }),
    ]);
    return { items, total };
  }

  /** Moves a subscription from one of `from` to a new state; null when it is not in one of them. */
  async transition(
    tx: Tx,
    tenantId: string,
    id: string,
    from: readonly SubscriptionStatus[],
    data: Prisma.SubscriptionUncheckedUpdateInput & { status: SubscriptionStatus },
  ): Promise<Subscription | null> {
    try {
      return await tx.subscription.update({
        where: { id, tenantId, status: { in: [...from] } },
        data,
      });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}
