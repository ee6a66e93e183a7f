import { Injectable } from '@nestjs/common';
import { isId, pageOffset, PorticoError, type ApiListQuery } from '@portico/contracts';
import type { Db } from '../common/db';
import type { ApiWithVersions } from '../common/serialize';
import type { Prisma } from '../generated/prisma/client';

const withVersions = {
  versions: {
    select: { id: true, version: true, status: true },
    orderBy: { createdAt: 'asc' as const },
  },
};

/** APIs of one tenant: every method takes the tenant, and another tenant's API is not found. */
@Injectable()
export class ApisRepository {
  /** By id (`api_…`) or by name. */
  async find(db: Db, tenantId: string, ref: string): Promise<ApiWithVersions | null> {
    const where = isId(ref, 'api') ? { id: ref, tenantId } : { tenantId, name: ref };
    return db.api.findFirst({ where, include: withVersions });
  }

  async require(db: Db, tenantId: string, ref: string): Promise<ApiWithVersions> {
    const api = await this.find(db, tenantId, ref);
    if (!api) throw PorticoError.notFound('API', ref);
    return api;
  }

  /** Locks the API row for the rest of the transaction (changes to its versions serialise on it). */
  async lock(db: Db, tenantId: string, ref: string): Promise<ApiWithVersions> {
    const api = await this.require(db, tenantId, ref);
    await db.$queryRawUnsafe('SELECT 1 FROM apis WHERE id = $1 FOR UPDATE', api.id);
    return api;
  }

  async list(
    db: Db,
    tenantId: string,
    q: ApiListQuery,
  ): Promise<{ items: ApiWithVersions[]; total: number }> {
    const where: Prisma.ApiWhereInput = { tenantId };
    if (q.tag) where.tags = { has: q.tag };
    if (q.status) where.versions = { some: { status: q.status } };
    if (q.search) {
      where.OR = [
        { name: { contains: q.search, mode: 'insensitive' } },
        { title: { contains: q.search, mode: 'insensitive' } },
        { description: { contains: q.search, mode: 'insensitive' } },
      ];
    }
    const [items, total] = await Promise.all([
      db.api.findMany({ where, include: withVersions, orderBy: { id: 'asc' }, ...pageOffset(q) }),
      db.api.count({ where }),
    ]);
    return { items, total };
  }

  /** A new API has no versions: no need to read them back. */
  async create(db: Db, data: Prisma.ApiUncheckedCreateInput): Promise<ApiWithVersions> {
    return { ...(await db.api.create({ data })), versions: [] };
  }

  async update(
    db: Db,
    tenantId: string,
    id: string,
    data: Prisma.ApiUpdateInput,
  ): Promise<ApiWithVersions> {
    await db.api.updateMany({ where: { id, tenantId }, data });
    return this.require(db, tenantId, id);
  }

  async delete(db: Db, tenantId: string, id: string): Promise<void> {
    await db.api.deleteMany({ where: { id, tenantId } });
  }
}
