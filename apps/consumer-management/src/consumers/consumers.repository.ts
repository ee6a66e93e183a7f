import { Injectable } from '@nestjs/common';
import { type ConsumerStatus, type ListConsumersQuery, pageOffset } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import { type AccessScope, consumerWhere } from '../common/access-scope';
import { type Db, isNotFound, type Tx } from '../common/database';
import type { Consumer, Prisma } from '../generated/prisma/client';

/** Consumers, always read through the caller's AccessScope (tenant, owner, self). */
@Injectable()
export class ConsumersRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  create(tx: Tx, data: Prisma.ConsumerUncheckedCreateInput): Promise<Consumer> {
    return tx.consumer.create({ data });
  }

  find(scope: AccessScope, id: string, tx?: Tx): Promise<Consumer | null> {
    return (tx ?? this.db).consumer.findFirst({ where: { ...consumerWhere(scope), id } });
  }

  async list(
    scope: AccessScope,
    q: ListConsumersQuery,
  ): Promise<{ items: Consumer[]; total: number }> {
    const where = { ...consumerWhere(scope), ...(q.status ? { status: q.status } : {}) };
    const [items, total] = await Promise.all([
      this.db.consumer.findMany({ where, orderBy: { id: 'desc' }, ...pageOffset(q) }),
      this.db.consumer.count({ where }),
    ]);
    return { items, total };
  }

  update(
    tx: Tx,
    scope: AccessScope,
    id: string,
    data: Prisma.ConsumerUncheckedUpdateManyInput,
  ): Promise<Prisma.BatchPayload> {
    return tx.consumer.updateMany({ where: { ...consumerWhere(scope), id }, data });
  }

  /**
   * Moves a consumer from one of `from` to a new status; returns null when it is not (or no longer)
   * in one of them, so two concurrent decisions cannot both win.
   */
  async transition(
    tx: Tx,
    tenantId: string,
    id: string,
    from: readonly ConsumerStatus[],
    data: Prisma.ConsumerUncheckedUpdateInput & { status: ConsumerStatus },
  ): Promise<Consumer | null> {
    try {
      return await tx.consumer.update({ where: { id, tenantId, status: { in: [...from] } }, data });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}
