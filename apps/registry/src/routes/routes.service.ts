import { Injectable } from '@nestjs/common';
import {
  newId,
  routePathKey,
  type ApiVersionStatus,
  type CreateRoute,
  type PolicySet,
  type RegistryRoute,
  type UpdateRoute,
} from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { Actor } from '../common/actor';
import { asJson, conflictOnDuplicate } from '../common/db';
import { routeAuditView, toRouteDto } from '../common/serialize';
import { RegistryChanges } from '../changes/registry-changes.service';
import type { Prisma, PrismaClient, Route } from '../generated/prisma/client';
import { assertEditable } from '../versions/lifecycle';
import { VersionLocator, type LocatedVersion } from '../versions/version-locator';
import { RoutesRepository } from './routes.repository';

const duplicate = (method: string, path: string) =>
  `The version already has a route matching ${method} ${path}.`;

@Injectable()
export class RoutesService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly routes: RoutesRepository,
    private readonly locator: VersionLocator,
    private readonly changes: RegistryChanges,
  ) {}

  async list(tenantId: string, apiRef: string, versionRef: string): Promise<RegistryRoute[]> {
    const { version } = await this.locator.find(this.db, tenantId, apiRef, versionRef);
    const routes = await this.routes.list(this.db, tenantId, version.id);
    return routes.map((r) => toRouteDto(r, version.policies as PolicySet));
  }

  async get(tenantId: string, apiRef: string, versionRef: string, routeId: string) {
    const { version } = await this.locator.find(this.db, tenantId, apiRef, versionRef);
    const route = await this.routes.require(this.db, tenantId, version.id, routeId);
    return toRouteDto(route, version.policies as PolicySet);
  }

  async create(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    input: CreateRoute,
  ): Promise<RegistryRoute> {
    return this.change(
      actor,
      apiRef,
      versionRef,
      null,
      'route.created',
      async (tx, { version }) => {
        const id = newId('rte');
        await conflictOnDuplicate(
          this.routes.createMany(tx, [
            {
              id,
              tenantId: actor.tenantId,
              versionId: version.id,
              method: input.method,
              path: input.path,
              pathKey: routePathKey(input.path),
              operationId: input.operationId ?? null,
              summary: input.summary ?? null,
              policies: asJson(input.policies),
            },
          ]),
          duplicate(input.method, input.path),
        );
        return this.routes.require(tx, actor.tenantId, version.id, id);
      },
    );
  }

  async update(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    routeId: string,
    input: UpdateRoute,
  ): Promise<RegistryRoute> {
    return this.change(
      actor,
      apiRef,
      versionRef,
      routeId,
      'route.updated',
      async (tx, _, before) => {
        const data: Prisma.RouteUpdateManyMutationInput = {};
        if (input.method !== undefined) data.method = input.method;
        if (input.path !== undefined) {
          data.path = input.path;
          data.pathKey = routePathKey(input.path);
        }
        if (input.operationId !== undefined) data.operationId = input.operationId;
        if (input.summary !== undefined) data.summary = input.summary;
        if (input.policies !== undefined) data.policies = asJson(input.policies);
        return conflictOnDuplicate(
          this.routes.update(tx, actor.tenantId, before!.id, data),
          duplicate(input.method ?? before!.method, input.path ?? before!.path),
        );
      },
    );
  }

  async setPolicies(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    routeId: string,
    policies: PolicySet,
  ): Promise<RegistryRoute> {
    return this.update(actor, apiRef, versionRef, routeId, { policies });
  }

  async delete(actor: Actor, apiRef: string, versionRef: string, routeId: string): Promise<void> {
    await this.change(
      actor,
      apiRef,
      versionRef,
      routeId,
      'route.deleted',
      async (tx, _, before) => {
        await this.routes.deleteMany(tx, actor.tenantId, [before!.id]);
        return null;
      },
    );
  }

  /**
   * One route change under the API lock, announced as registry.route.changed and audited with the
   * route before and after (null for creations and deletions).
   */
  private async change(
    actor: Actor,
    apiRef: string,
    versionRef: string,
    routeId: string | null,
    action: string,
    work: (
      tx: Prisma.TransactionClient,
      at: LocatedVersion,
      before: Route | null,
    ) => Promise<Route | null>,
  ): Promise<RegistryRoute> {
    const { result } = await this.changes.apply(actor, async (tx, changes) => {
      const at = await this.locator.find(tx, actor.tenantId, apiRef, versionRef, { lock: true });
      const before = routeId
        ? await this.routes.require(tx, actor.tenantId, at.version.id, routeId)
        : null;
      assertEditable(at.version.version, at.version.status as ApiVersionStatus);
      const after = await work(tx, at, before);
      const id = (after ?? before)!.id;
      changes.emit('registry.route.changed', at.version.id, {
        apiId: at.api.id,
        name: at.api.name,
        versionId: at.version.id,
        version: at.version.version,
        routeIds: [id],
      });
      changes.audit({
        action,
        entityType: 'route',
        entityId: id,
        apiId: at.api.id,
        before: before ? routeAuditView(before) : null,
        after: after ? routeAuditView(after) : null,
      });
      return { route: after ?? before!, versionPolicies: at.version.policies as PolicySet };
    });
    return toRouteDto(result.route, result.versionPolicies);
  }
}
