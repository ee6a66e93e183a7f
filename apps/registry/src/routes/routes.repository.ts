import { Injectable } from '@nestjs/common';
import { PorticoError } from '@portico/contracts';
import type { Db } from '../common/db';
import type { Prisma, Route } from '../generated/prisma/client';

/** Routes of one tenant's versions; every method takes the tenant. */
@Injectable()
export class RoutesRepository {
  async list(db: Db, tenantId: string, versionId: string): Promise<Route[]> {
    return db.route.findMany({
      where: { tenantId, versionId },
      orderBy: [{ path: 'asc' }, { method: 'asc' }],
    });
  }

  async require(db: Db, tenantId: string, versionId: string, id: string): Promise<Route> {
    const route = await db.route.findFirst({ where: { id, tenantId, versionId } });
    if (!route) throw PorticoError.notFound('Route', id);
    return route;
  }

  async createMany(db: Db, data: Prisma.RouteCreateManyInput[]): Promise<void> {
    if (data.length > 0) await db.route.createMany({ data });
  }

  async update(
    db: Db,
    tenantId: string,
    id: string,
    data: Prisma.RouteUpdateManyMutationInput,
  ): Promise<Route> {
    await db.route.updateMany({ where: { id, tenantId }, data });
    return db.route.findFirstOrThrow({ where: { id, tenantId } });
  }

  async deleteMany(db: Db, tenantId: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await db.route.deleteMany({ where: { tenantId, id: { in: ids } } });
  }
}
