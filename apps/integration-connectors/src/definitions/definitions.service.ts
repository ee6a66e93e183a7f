import { Injectable } from '@nestjs/common';
import { IdPrefix, newId, PorticoError, type DefinitionView } from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { InjectDatabase } from '@portico/platform';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { parseManifest } from './manifest';

type Row = {
  id: string;
  name: string;
  revision: number;
  manifest: unknown;
  createdAt: Date;
  updatedAt: Date;
};

@Injectable()
export class DefinitionsService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly guard: EgressGuard,
  ) {}

  async create(tenantId: string, manifest: unknown): Promise<DefinitionView> {
    const def = parseManifest(manifest, this.guard);
    try {
      const row = await this.db.connectorDefinition.create({
        data: {
          id: newId(IdPrefix.connector),
          tenantId,
          name: def.name,
          manifest: def as unknown as Prisma.InputJsonValue,
        },
      });
      return toView(row);
    } catch (err) {
      throw uniqueName(err, def.name);
    }
  }

  async list(tenantId: string, page: { skip: number; take: number }) {
    const where = { tenantId };
    const [rows, total] = await Promise.all([
      this.db.connectorDefinition.findMany({ where, orderBy: { id: 'asc' }, ...page }),
      this.db.connectorDefinition.count({ where }),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(tenantId: string, id: string): Promise<DefinitionView> {
    const row = await this.db.connectorDefinition.findFirst({ where: { tenantId, id } });
    if (!row) throw PorticoError.notFound('Connector definition', id);
    return toView(row);
  }

  async update(tenantId: string, id: string, manifest: unknown): Promise<DefinitionView> {
    const def = parseManifest(manifest, this.guard);
    await this.get(tenantId, id);
    try {
      const row = await this.db.connectorDefinition.update({
        where: { id },
        data: {
          name: def.name,
          manifest: def as unknown as Prisma.InputJsonValue,
          revision: { increment: 1 },
        },
      });
      return toView(row);
    } catch (err) {
      throw uniqueName(err, def.name);
    }
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    const used = await this.db.connection.count({ where: { tenantId, definitionId: id } });
    if (used > 0) {
      throw PorticoError.conflict(
        `The definition is used by ${used} connection(s); delete them first.`,
      );
    }
    await this.db.connectorDefinition.delete({ where: { id } });
  }
}

function uniqueName(err: unknown, name: string): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
    return PorticoError.conflict(`A connector definition named '${name}' already exists.`, [
      { field: 'manifest.name', message: 'already exists' },
    ]);
  }
  return err;
}

function toView(r: Row): DefinitionView {
  return {
    id: r.id,
    name: r.name,
    revision: r.revision,
    manifest: r.manifest,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
