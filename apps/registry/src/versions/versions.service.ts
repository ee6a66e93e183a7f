import { Injectable } from '@nestjs/common';
import {
  newId,
  Paginated,
  PorticoError,
  routePathKey,
  type ApiVersionStatus,
  type CreateApiVersion,
  type CreateRoute,
  type DeprecateApiVersion,
  type PolicySet,
  type RegistryApiVersion,
  type UpdateApiVersion,
  type VersionListQuery,
} from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import { ApisRepository } from '../apis/apis.repository';
import type { Actor } from '../common/actor';
import { asJson, conflictOnDuplicate } from '../common/db';
import { toVersionDto, versionAuditView } from '../common/serialize';
import type { ChangeSet } from '../changes/change-set';
import { RegistryChanges } from '../changes/registry-changes.service';
import type { ApiVersion, Prisma, PrismaClient } from '../generated/prisma/client';
import { RoutesRepository } from '../routes/routes.repository';
import { assertEditable, assertTransition, publishProblems, sunsetProblem } from './lifecycle';
import { VersionLocator } from './version-locator';
import { VersionsRepository } from './versions.repository';

/** Routes given together must not collide: a 400 naming the second one. */
export function assertDistinctRoutes(routes: Array<Pick<CreateRoute, 'method' | 'path'>>): void {
  const seen = new Map<string, number>();
  routes.forEach((r, i) => {
    const key = `${r.method} ${routePathKey(r.path)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw PorticoError.validation('Two routes match the same requests.', [
        { field: `routes.${i}.path`, message: `same method and path as routes.${first}` },
      ]);
    }
    seen.set(key, i);
  });
}

@Injectable()
export class VersionsService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly apis: ApisRepository,
    private readonly versions: VersionsRepository,
    private readonly routes: RoutesRepository,
    private readonly locator: VersionLocator,
    private readonly changes: RegistryChanges,
  ) {}

  async create(actor: Actor, apiRef: string, input: CreateApiVersion): Promise<RegistryApiVersion> {
    assertDistinctRoutes(input.routes);
    const { result } = await this.changes.apply(actor, async (tx, changes) => {
      const api = await this.apis.lock(tx, actor.tenantId, apiRef);
      const version = await conflictOnDuplicate(
        this.versions.create(tx, {
          id: newId('ver'),
          tenantId: actor.tenantId,
          apiId: api.id,
          version: input.version,
          basePath: input.basePath,
          upstream: asJson(input.upstream),
          policies: asJson(input.policies),
        }),
        `API '${api.name}' already has a version ${input.version}.`,
      );
      await this.routes.createMany(
        tx,
        input.routes.map((r) => ({
          id: newId('rte'),
          tenantId: actor.tenantId,
          versionId: version.id,
          method: r.method,
          path: r.path,
          pathKey: routePathKey(r.path),
          operationId: r.operationId ?? null,
          summary: r.summary ?? null,
          policies: asJson(r.policies),
        })),
      );
      const ref = {
        apiId: api.id,
        name: api.name,
        versionId: version.id,
        version: version.version,
      };
      changes.emit('registry.version.created', version.id, ref);
      changes.audit({
        action: 'version.created',
        entityType: 'version',
        entityId: version.id,
        apiId: api.id,
        before: null,
        after: { ...versionAuditView(version), routes: input.routes },
      });
      return {
        version,
        apiName: api.name,
        routes: await this.routes.list(tx, actor.tenantId, version.id),
      };
    });
    return toVersionDto(result.version, result.apiName, result.routes);
  }

  async list(
    tenantId: string,
    apiRef: string,
    q: VersionListQuery,
  ): Promise<Paginated<RegistryApiVersion>> {
    const api = await this.apis.require(this.db, tenantId, apiRef);
    const { items, total } = await this.versions.list(this.db, tenantId, api.id, q);
    return new Paginated(
      items.map((v) => toVersionDto(v, api.name)),
      { page: q.page, limit: q.limit, total },
    );
  }

  async get(tenantId: string, apiRef: string, versionRef: string): Promise<RegistryApiVersion> {
    const { api, version } = await this.locator.find(this.db, tenantId, apiRef, versionRef);
    const routes = await this.routes.list(this.db, tenantId, version.id);
    return toVersionDto(version, api.name, routes);
  }

  async update(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    input: UpdateApiVersion,
  ): Promise<RegistryApiVersion> {
    return this.change(actor, apiRef, versionRef, 'version.updated', async (tx, _api, before) => {
      assertEditable(before.version, before.status as ApiVersionStatus);
      if (
        input.basePath !== undefined &&
        input.basePath !== before.basePath &&
        before.status !== 'draft'
      ) {
        throw PorticoError.conflict(
          `Version ${before.version} is ${before.status}; its basePath is fixed once published.`,
          [{ field: 'basePath', message: 'can change only while the version is a draft' }],
        );
      }
      const data: Prisma.ApiVersionUpdateManyMutationInput = {};
      const changed: string[] = [];
      if (input.basePath !== undefined && input.basePath !== before.basePath) {
        data.basePath = input.basePath;
        changed.push('basePath');
      }
      if (input.upstream && JSON.stringify(input.upstream) !== JSON.stringify(before.upstream)) {
        data.upstream = asJson(input.upstream);
        changed.push('upstream');
      }
      if (input.policies && JSON.stringify(input.policies) !== JSON.stringify(before.policies)) {
        data.policies = asJson(input.policies);
        changed.push('policies');
      }
      if (changed.length === 0) return null;
      const after = await this.versions.update(tx, actor.tenantId, before.id, data);
      return { after, event: { type: 'registry.version.updated' as const, changes: changed } };
    });
  }

  async setPolicies(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    policies: PolicySet,
  ): Promise<RegistryApiVersion> {
    return this.update(actor, apiRef, versionRef, { policies });
  }

  /** Only drafts (never served) and retired versions (no longer served) can be deleted. */
  async delete(actor: Actor, apiRef: string, versionRef: string): Promise<void> {
    await this.changes.apply(actor, async (tx, changes) => {
      const { api, version } = await this.locator.find(tx, actor.tenantId, apiRef, versionRef, {
        lock: true,
      });
      if (version.status !== 'draft' && version.status !== 'retired') {
        throw PorticoError.conflict(
          `Version ${version.version} is ${version.status}; only draft or retired versions can be deleted.`,
          [{ field: 'status', message: 'deprecate and retire it first', current: version.status }],
        );
      }
      await this.versions.delete(tx, actor.tenantId, version.id);
      const ref = {
        apiId: api.id,
        name: api.name,
        versionId: version.id,
        version: version.version,
      };
      changes.emit('registry.version.deleted', version.id, ref);
      changes.audit({
        action: 'version.deleted',
        entityType: 'version',
        entityId: version.id,
        apiId: api.id,
        before: versionAuditView(version),
        after: null,
      });
    });
  }

  async publish(actor: Actor, apiRef: string, versionRef: string): Promise<RegistryApiVersion> {
    return this.change(actor, apiRef, versionRef, 'version.published', async (tx, _api, before) => {
      assertTransition(before.version, before.status as ApiVersionStatus, 'published');
      const routeCount = await tx.route.count({
        where: { tenantId: actor.tenantId, versionId: before.id },
      });
      const problems = publishProblems({ routeCount });
      if (problems.length > 0) {
        throw PorticoError.conflict(`Version ${before.version} cannot be published yet.`, problems);
      }
      // Serialise publications within the tenant so two APIs cannot claim one prefix at once.
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', actor.tenantId);
      const clash = await this.versions.findLiveClash(tx, actor.tenantId, before);
      if (clash) {
        throw PorticoError.conflict(
          `/${before.version}${before.basePath} is already served by API '${clash.api.name}'.`,
          [{ field: 'basePath', message: `used by ${clash.api.name} ${clash.version}` }],
        );
      }
      const after = await this.versions.update(tx, actor.tenantId, before.id, {
        status: 'published',
        publishedAt: new Date(),
      });
      return { after, event: { type: 'registry.version.published' as const } };
    });
  }

  async deprecate(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    input: DeprecateApiVersion,
  ): Promise<RegistryApiVersion> {
    return this.change(actor, apiRef, versionRef, 'version.deprecated', async (tx, api, before) => {
      assertTransition(before.version, before.status as ApiVersionStatus, 'deprecated');
      const now = new Date();
      const sunsetAt = new Date(input.sunsetAt);
      const problem = sunsetProblem(sunsetAt, now);
      if (problem) throw PorticoError.validation('sunsetAt must be in the future.', [problem]);
      if (input.successorVersion !== undefined) {
        const successor = api.versions.find((v) => v.version === input.successorVersion);
        if (!successor || successor.id === before.id || successor.status !== 'published') {
          throw PorticoError.validation('The successor must be a published version of this API.', [
            {
              field: 'successorVersion',
              message: 'must name another published version of this API',
            },
          ]);
        }
      }
      const after = await this.versions.update(tx, actor.tenantId, before.id, {
        status: 'deprecated',
        deprecatedAt: now,
        sunsetAt,
        successorVersion: input.successorVersion ?? null,
      });
      return { after, event: { type: 'registry.version.deprecated' as const } };
    });
  }

  async retire(actor: Actor, apiRef: string, versionRef: string): Promise<RegistryApiVersion> {
    return this.change(actor, apiRef, versionRef, 'version.retired', async (tx, _api, before) => {
      assertTransition(before.version, before.status as ApiVersionStatus, 'retired');
      const after = await this.versions.update(tx, actor.tenantId, before.id, {
        status: 'retired',
        retiredAt: new Date(),
      });
      return { after, event: { type: 'registry.version.retired' as const } };
    });
  }

  async openapi(tenantId: string, apiRef: string, versionRef: string): Promise<unknown> {
    const { version } = await this.locator.find(this.db, tenantId, apiRef, versionRef);
    if (version.openapi === null) {
      throw PorticoError.notFound('OpenAPI document of version', version.version);
    }
    return version.openapi;
  }

  /**
   * One change to one version under the API lock: `work` returns the updated row and its event
   * (or null when nothing changed); the event, its revision and the audit entry follow from it.
   */
  private async change(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    action: string,
    work: (
      tx: Prisma.TransactionClient,
      api: {
        id: string;
        name: string;
        versions: Array<{ id: string; version: string; status: string }>;
      },
      before: ApiVersion,
    ) => Promise<{ after: ApiVersion; event: VersionEvent } | null>,
  ): Promise<RegistryApiVersion> {
    const { result } = await this.changes.apply(actor, async (tx, changes) => {
      const { api, version: before } = await this.locator.find(
        tx,
        actor.tenantId,
        apiRef,
        versionRef,
        { lock: true },
      );
      const outcome = await work(tx, api, before);
      const after = outcome?.after ?? before;
      if (outcome) {
        emitVersionEvent(changes, api, after, outcome.event);
        changes.audit({
          action,
          entityType: 'version',
          entityId: after.id,
          apiId: api.id,
          before: versionAuditView(before),
          after: versionAuditView(after),
        });
      }
      return {
        after,
        apiName: api.name,
        routes: await this.routes.list(tx, actor.tenantId, after.id),
      };
    });
    return toVersionDto(result.after, result.apiName, result.routes);
  }
}

type VersionEvent =
  | { type: 'registry.version.updated'; changes: string[] }
  | { type: 'registry.version.published' }
  | { type: 'registry.version.deprecated' }
  | { type: 'registry.version.retired' };

function emitVersionEvent(
  changes: ChangeSet,
  api: { id: string; name: string },
  v: ApiVersion,
  event: VersionEvent,
): void {
  const ref = { apiId: api.id, name: api.name, versionId: v.id, version: v.version };
  switch (event.type) {
    case 'registry.version.updated':
      return changes.emit(event.type, v.id, { ...ref, changes: event.changes });
    case 'registry.version.published':
      return changes.emit(event.type, v.id, { ...ref, basePath: v.basePath });
    case 'registry.version.deprecated':
      return changes.emit(event.type, v.id, {
        ...ref,
        sunsetAt: v.sunsetAt!.toISOString(),
        successorVersion: v.successorVersion,
      });
    case 'registry.version.retired':
      return changes.emit(event.type, v.id, { ...ref, successorVersion: v.successorVersion });
  }
}
