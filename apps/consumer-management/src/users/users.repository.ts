import { Injectable } from '@nestjs/common';
import { pageOffset, type PageQuery, type UserRole } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { Db, Tx } from '../common/database';
import type { User } from '../generated/prisma/client';

/** Admin users of one tenant. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  create(
    tx: Tx,
    tenantId: string,
    data: { id: string; email: string; name: string; role: UserRole },
  ): Promise<User> {
    return tx.user.create({ data: { ...data, tenantId } });
  }

  find(tenantId: string, id: string, tx?: Tx): Promise<User | null> {
    return (tx ?? this.db).user.findFirst({ where: { tenantId, id } });
  }

  async list(tenantId: string, page: PageQuery): Promise<{ items: User[]; total: number }> {
    const where = { tenantId };
    const [items, total] = await Promise.all([
      this.db.user.findMany({ where, orderBy: { id: 'asc' }, ...pageOffset(page) }),
      this.db.user.count({ where }),
    ]);
    return { items, total };
  }

  update(
    tx: Tx,
    tenantId: string,
    id: string,
    data: Partial<{ name: string; role: UserRole; status: 'active' | 'disabled' }>,
  ): Promise<User> {
    // The tenant is part of the filter: the update cannot reach another tenant's user.
    return tx.user.update({ where: { id, tenantId }, data });
  }
}
