import { Injectable } from '@nestjs/common';
import { isId, pageOffset, PorticoError, type VersionListQuery } from '@portico/contracts';
import type { Db } from '../common/db';
import type { ApiVersion, Prisma } from '../generated/prisma/client';

/** Versions of one tenant's APIs; every method takes the tenant. */
@Injectable()
export class VersionsRepository {
  /** By id (`ver_…`) or by version string within the API. */
  async find(db: Db, tenantId: string, apiId: string, ref: string): Promise<ApiVersion | null> {
    const where = isId(ref, 'ver')
      ? { id: ref, tenantId, apiId }
      : { tenantId, apiId, version: ref };
    return db.apiVersion.findFirst({ where });
  }

  async require(db: Db, tenantId: string, apiId: string, ref: string): Promise<ApiVersion> {
    const v = await this.find(db, tenantId, apiId, ref);
    if (!v) throw PorticoError.notFound('Version', ref);
    return v;
  }

  async list(
    db: Db,
    tenantId: string,
    apiId: string,
    q: VersionListQuery,
  ): Promise<{ items: ApiVersion[]; total: number }> {
    const where: Prisma.ApiVersionWhereInput = { tenantId, apiId };
    if (q.status) where.status = q.status;
    const [items, total] = await Promise.all([
      db.apiVersion.findMany({ where, orderBy: { createdAt: 'asc' }, ...pageOffset(q) }),
      db.apiVersion.count({ where }),
    ]);
    return { items, total };
  }

  async create(db: Db, data: Prisma.ApiVersionUncheckedCreateInput): Promise<ApiVersion> {
    return db.apiVersion.create({ data });
  }

  async update(
    db: Db,
    tenantId: string,
    id: string,
    data: Prisma.ApiVersionUpdateManyMutationInput,
  ): Promise<ApiVersion> {
    await db.apiVersion.updateMany({ where: { id, tenantId }, data });
    return db.apiVersion.findFirstOrThrow({ where: { id, tenantId } });
  }

  async delete(db: Db, tenantId: string, id: string): Promise<void> {
    await db.apiVersion.deleteMany({ where: { id, tenantId } });
  }

  /** A live version of another API in the tenant answering on the same public prefix. */
  async findLiveClash(
    db: Db,
    tenantId: string,
    v: Pick<ApiVersion, 'id' | 'apiId' | 'version' | 'basePath'>,
  ): Promise<(ApiVersion & { api: { name: string } }) | null> {
    return db.apiVersion.findFirst({
      where: {
        tenantId,
        version: v.version,
        basePath: v.basePath,
        status: { in: ['published', 'deprecated'] },
        apiId: { not: v.apiId },
      },
      include: { api: { select: { name: true } } },
    });
  }
}
