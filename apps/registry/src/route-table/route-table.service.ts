import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RpcSubject, type RouteSnapshot } from '@portico/contracts';
import { InjectDatabase, MessagingService } from '@portico/platform';
import type { PrismaClient } from '../generated/prisma/client';
import { compileSnapshot, type ServedVersion } from './route-table.compiler';

const SERVED = ['published', 'deprecated', 'retired'];
const REVISION_SQL = `SELECT CAST(revision AS text) AS revision FROM registry_state WHERE id = 1`;

/**
 * The compiled route table. Revision and rows are read in one REPEATABLE READ transaction, so the
 * table is exactly the state at its revision. The all-tenant table is cached per revision: gateways
 * reloading after a change share one compilation.
 */
@Injectable()
export class RouteTableService implements OnModuleInit {
  private cached: RouteSnapshot | undefined;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      m.handle<unknown, RouteSnapshot>(RpcSubject.registrySnapshot, () => this.snapshot());
    });
  }

  /** Every tenant's table (for gateways), or one tenant's. */
  async snapshot(tenantId?: string): Promise<RouteSnapshot> {
    if (tenantId === undefined && this.cached) {
      const revision = await readRevision(this.db);
      if (revision === this.cached.revision) return this.cached;
    }
    const snapshot = await this.db.$transaction(
      async (tx) => {
        const revision = await readRevision(tx);
        const versions: ServedVersion[] = await tx.apiVersion.findMany({
          where: { status: { in: SERVED }, ...(tenantId !== undefined ? { tenantId } : {}) },
          include: { api: { select: { id: true, tenantId: true, name: true } }, routes: true },
        });
        return compileSnapshot(revision, versions);
      },
      { isolationLevel: 'RepeatableRead', timeout: 30_000 },
    );
    if (tenantId === undefined && (!this.cached || snapshot.revision >= this.cached.revision)) {
      this.cached = snapshot;
    }
    return snapshot;
  }
}

async function readRevision(db: Pick<PrismaClient, '$queryRawUnsafe'>): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ revision: string }>>(REVISION_SQL);
  return rows.length === 0 ? 0 : Number(rows[0]!.revision);
}
