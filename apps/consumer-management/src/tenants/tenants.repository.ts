import { Injectable } from '@nestjs/common';
import { pageOffset, type PageQuery } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { Db, Tx } from '../common/database';
import type { Tenant } from '../generated/prisma/client';

/**
 * Tenants. The operator (an admin of the default tenant) sees all of them; everyone else only
 * their own, so every read takes the set of tenant ids the caller may see (`null` = all).
 */
@Injectable()
export class TenantsRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  create(
    tx: Tx,
    data: { id: string; name: string; slug: string; selfSignup: boolean },
  ): Promise<Tenant> {
    return tx.tenant.create({ data });
  }

  find(visible: string | null, id: string, tx?: Tx): Promise<Tenant | null> {
    if (visible !== null && visible !== id) return Promise.resolve(null);
    return (tx ?? this.db).tenant.findUnique({ where: { id } });
  }

  /** For public sign-up: by slug or id, active tenants only. */
  findActiveByHandle(handle: string): Promise<Tenant | null> {
    return this.db.tenant.findFirst({
      where: { OR: [{ slug: handle }, { id: handle }], status: 'active' },
    });
  }

  async list(visible: string | null, page: PageQuery): Promise<{ items: Tenant[]; total: number }> {
    const where = visible === null ? {} : { id: visible };
    const [items, total] = await Promise.all([
      this.db.tenant.findMany({ where, orderBy: { createdAt: 'asc' }, ...pageOffset(page) }),
      this.db.tenant.count({ where }),
    ]);
    return { items, total };
  }

  update(
    tx: Tx,
    id: string,
    data: Partial<{ name: string; status: string; selfSignup: boolean }>,
  ): Promise<Tenant> {
    return tx.tenant.update({ where: { id }, data });
  }
}
