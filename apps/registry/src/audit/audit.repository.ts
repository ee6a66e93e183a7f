import { Injectable } from '@nestjs/common';
import { pageOffset, type AuditQuery } from '@portico/contracts';
import type { Db } from '../common/db';
import type { AuditEntry, Prisma } from '../generated/prisma/client';

const ENTITY_TYPES = new Set(['api', 'version', 'route']);

@Injectable()
export class AuditRepository {
  /** Newest first. `entity` is a type, or an id (an API id also matches what lies below it). */
  async list(
    db: Db,
    tenantId: string,
    q: AuditQuery,
  ): Promise<{ items: AuditEntry[]; total: number }> {
    const where: Prisma.AuditEntryWhereInput = { tenantId };
    if (q.entity && ENTITY_TYPES.has(q.entity)) where.entityType = q.entity;
    else if (q.entity) where.OR = [{ entityId: q.entity }, { apiId: q.entity }];
    if (q.actor) where.actorId = q.actor;
    if (q.since) where.createdAt = { gte: new Date(q.since) };
    const [items, total] = await Promise.all([
      db.auditEntry.findMany({ where, orderBy: { id: 'desc' }, ...pageOffset(q) }),
      db.auditEntry.count({ where }),
    ]);
    return { items, total };
  }
}
