import { Injectable } from '@nestjs/common';
import {
  newId,
  Paginated,
  PorticoError,
  type ApiListQuery,
  type CreateApi,
  type RegistryApi,
  type UpdateApi,
} from '@portico/contracts';
import type { Actor } from '../common/actor';
import { conflictOnDuplicate } from '../common/db';
import { apiAuditView, toApiDto } from '../common/serialize';
import { RegistryChanges } from '../changes/registry-changes.service';
import type { PrismaClient } from '../generated/prisma/client';
import { InjectDatabase } from '@portico/platform';
import { ApisRepository } from './apis.repository';

const LIVE = new Set(['published', 'deprecated']);

@Injectable()
export class ApisService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly apis: ApisRepository,
    private readonly changes: RegistryChanges,
  ) {}

  async create(actor: Actor, input: CreateApi): Promise<RegistryApi> {
    const { result } = await this.changes.apply(actor, async (tx, changes) => {
      const api = await conflictOnDuplicate(
        this.apis.create(tx, {
          id: newId('api'),
          tenantId: actor.tenantId,
          name: input.name,
          title: input.title,
          description: input.description,
          tags: input.tags,
          owner: input.owner ?? null,
        }),
        `An API named '${input.name}' already exists.`,
      );
      changes.emit('registry.api.created', api.id, {
        apiId: api.id,
        name: api.name,
        title: api.title,
      });
      changes.audit({
        action: 'api.created',
        entityType: 'api',
        entityId: api.id,
        apiId: api.id,
        before: null,
        after: apiAuditView(api),
      });
      return api;
    });
    return toApiDto(result);
  }

  async list(tenantId: string, q: ApiListQuery): Promise<Paginated<RegistryApi>> {
    const { items, total } = await this.apis.list(this.db, tenantId, q);
    return new Paginated(items.map(toApiDto), { page: q.page, limit: q.limit, total });
  }

  async get(tenantId: string, ref: string): Promise<RegistryApi> {
    return toApiDto(await this.apis.require(this.db, tenantId, ref));
  }

  async update(actor: Actor, ref: string, input: UpdateApi): Promise<RegistryApi> {
    const { result } = await this.changes.apply(actor, async (tx, changes) => {
      const before = await this.apis.lock(tx, actor.tenantId, ref);
      const changed = (Object.keys(input) as Array<keyof UpdateApi>).filter(
        (k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]),
      );
      if (changed.length === 0) return before;
      const after = await this.apis.update(tx, actor.tenantId, before.id, input);
      changes.emit('registry.api.updated', after.id, {
        apiId: after.id,
        name: after.name,
        changes: changed,
      });
      changes.audit({
        action: 'api.updated',
        entityType: 'api',
        entityId: after.id,
        apiId: after.id,
        before: apiAuditView(before),
        after: apiAuditView(after),
      });
      return after;
    });
    return toApiDto(result);
  }

  /** Refused while a version is live: retire (or delete) every version before deleting the API. */
  async delete(actor: Actor, ref: string): Promise<void> {
    await this.changes.apply(actor, async (tx, changes) => {
      const api = await this.apis.lock(tx, actor.tenantId, ref);
      const live = api.versions.filter((v) => LIVE.has(v.status));
      if (live.length > 0) {
        throw PorticoError.conflict(
          `API '${api.name}' still serves traffic; retire its live versions first.`,
          live.map((v) => ({ field: 'versions', message: `${v.version} is ${v.status}` })),
        );
      }
      await this.apis.delete(tx, actor.tenantId, api.id);
      changes.emit('registry.api.deleted', api.id, { apiId: api.id, name: api.name });
      changes.audit({
        action: 'api.deleted',
        entityType: 'api',
        entityId: api.id,
        apiId: api.id,
        before: apiAuditView(api),
        after: null,
      });
    });
  }
}
