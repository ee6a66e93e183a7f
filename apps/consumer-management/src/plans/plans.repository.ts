import { Injectable } from '@nestjs/common';
import { pageOffset, type PageQuery } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { Db, Tx } from '../common/database';
import type { Plan, Prisma } from '../generated/prisma/client';

/** Plans of one tenant. */
@Injectable()
export class PlansRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  create(tx: Tx, data: Prisma.PlanUncheckedCreateInput): Promise<Plan> {
    return tx.plan.create({ data });
  }

  find(tenantId: string, id: string, tx?: Tx): Promise<Plan | null> {
    return (tx ?? this.db).plan.findFirst({ where: { tenantId, id } });
  }

  findActive(tenantId: string, id: string, tx?: Tx): Promise<Plan | null> {
    return (tx ?? this.db).plan.findFirst({ where: { tenantId, id, status: 'active' } });
  }

  findDefault(tenantId: string, tx?: Tx): Promise<Plan | null> {
    return (tx ?? this.db).plan.findFirst({
      where: { tenantId, isDefault: true, status: 'active' },
    });
  }

  async list(
    tenantId: string,
    page: PageQuery,
    includeArchived: boolean,
  ): Promise<{ items: Plan[]; total: number }> {
    const where = includeArchived ? { tenantId } : { tenantId, status: 'active' };
    const [items, total] = await Promise.all([
      this.db.plan.findMany({ where, orderBy: { id: 'asc' }, ...pageOffset(page) }),
      this.db.plan.count({ where }),
    ]);
    return { items, total };
  }

  update(tx: Tx, tenantId: string, id: string, data: Prisma.PlanUpdateInput): Promise<Plan> {
    return tx.plan.update({ where: { id, tenantId }, data });
  }

  /** Only one default plan per tenant. */
  async clearDefault(tx: Tx, tenantId: string, exceptId: string): Promise<void> {
    await tx.plan.updateMany({
      where: { tenantId, isDefault: true, id: { not: exceptId } },
      data: { isDefault: false },
    });
  }
}
