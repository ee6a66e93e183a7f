import { Injectable } from '@nestjs/common';
import {
  ApiNameSchema,
  newId,
  PorticoError,
  routePathKey,
  type ApiVersionStatus,
  type ImportOpenApiQuery,
  type ImportOpenApiResult,
  type Upstream,
} from '@portico/contracts';
import { ApisRepository } from '../../apis/apis.repository';
import type { Actor } from '../../common/actor';
import { asJson } from '../../common/db';
import { apiAuditView, routeAuditView, versionAuditView } from '../../common/serialize';
import type { ChangeSet } from '../../changes/change-set';
import { RegistryChanges } from '../../changes/registry-changes.service';
import type { Prisma, Route } from '../../generated/prisma/client';
import { RoutesRepository } from '../../routes/routes.repository';
import { assertEditable } from '../../versions/lifecycle';
import { VersionsRepository } from '../../versions/versions.repository';
import {
  inspectDocument,
  readDocument,
  serverDefaults,
  slugify,
  versionFromInfo,
  type ImportedDocument,
  type ImportedOperation,
} from '../openapi-document';

interface Plan {
  name: string;
  version: string;
  basePath: string;
  upstream: Upstream;
  tags: string[];
}

/**
 * Creates or updates an API, one version and its routes from an OpenAPI document, in one
 * transaction: a document that fails anywhere leaves nothing behind. Routes are matched on method
 * and path (parameter names aside); matched routes keep their id and policy overrides.
 */
@Injectable()
export class ImportOpenApiUsecase {
  constructor(
    private readonly apis: ApisRepository,
    private readonly versions: VersionsRepository,
    private readonly routes: RoutesRepository,
    private readonly changes: RegistryChanges,
  ) {}

  async execute(actor: Actor, body: unknown, q: ImportOpenApiQuery): Promise<ImportOpenApiResult> {
    const doc = await inspectDocument(readDocument(body));
    const plan = planImport(doc, q);
    const { result, revision } = await this.changes.apply(actor, (tx, changes) =>
      this.write(tx, changes, actor, doc, plan),
    );
    return { ...result, revision };
  }

  private async write(
    tx: Prisma.TransactionClient,
    changes: ChangeSet,
    actor: Actor,
    doc: ImportedDocument,
    plan: Plan,
  ): Promise<Omit<ImportOpenApiResult, 'revision'>> {
    const tenantId = actor.tenantId;
    // The API row lock serialises imports of the same API; a new API is locked by its insert.
    let api = await this.apis.find(tx, tenantId, plan.name);
    const apiCreated = !api;
    if (api) {
      api = await this.apis.lock(tx, tenantId, api.id);
      const before = api;
      const patch = { title: doc.title, description: doc.description, tags: plan.tags };
      const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter(
        (k) => JSON.stringify(patch[k]) !== JSON.stringify(before[k]),
      );
      if (changed.length > 0) {
        api = await this.apis.update(tx, tenantId, before.id, patch);
        changes.emit('registry.api.updated', api.id, {
          apiId: api.id,
          name: api.name,
          changes: changed,
        });
        audit(
          changes,
          'api.updated',
          'api',
          api.id,
          api.id,
          apiAuditView(before),
          apiAuditView(api),
        );
      }
    } else {
      api = await this.apis.create(tx, {
        id: newId('api'),
        tenantId,
        name: plan.name,
        title: doc.title,
        description: doc.description,
        tags: plan.tags,
      });
      changes.emit('registry.api.created', api.id, {
        apiId: api.id,
        name: api.name,
        title: api.title,
      });
      audit(changes, 'api.created', 'api', api.id, api.id, null, apiAuditView(api));
    }

    let version = await this.versions.find(tx, tenantId, api.id, plan.version);
    const versionCreated = !version;
    const ref = (v: { id: string; version: string }) => ({
      apiId: api.id,
      name: api.name,
      versionId: v.id,
      version: v.version,
    });
    if (!version) {
      version = await this.versions.create(tx, {
        id: newId('ver'),
        tenantId,
        apiId: api.id,
        version: plan.version,
        basePath: plan.basePath,
        upstream: asJson(plan.upstream),
        openapi: asJson(doc.source),
      });
      changes.emit('registry.version.created', version.id, ref(version));
      audit(
        changes,
        'version.created',
        'version',
        version.id,
        api.id,
        null,
        versionAuditView(version),
      );
    } else {
      const before = version;
      assertEditable(before.version, before.status as ApiVersionStatus);
      if (before.basePath !== plan.basePath && before.status !== 'draft') {
        throw PorticoError.conflict(
          `Version ${before.version} is ${before.status}; its basePath ${before.basePath} cannot become ${plan.basePath}.`,
          [{ field: 'basePath', message: 'can change only while the version is a draft' }],
        );
      }
      const changed = ['openapi'];
      if (before.basePath !== plan.basePath) changed.push('basePath');
      if (JSON.stringify(before.upstream) !== JSON.stringify(plan.upstream))
        changed.push('upstream');
      version = await this.versions.update(tx, tenantId, before.id, {
        basePath: plan.basePath,
        upstream: asJson(plan.upstream),
        openapi: asJson(doc.source),
      });
      changes.emit('registry.version.updated', version.id, { ...ref(version), changes: changed });
      audit(
        changes,
        'version.updated',
        'version',
        version.id,
        api.id,
        versionAuditView(before),
        versionAuditView(version),
      );
    }

    const existing = versionCreated ? [] : await this.routes.list(tx, tenantId, version.id);
    const diff = diffRoutes(existing, doc.operations);
    await this.routes.deleteMany(
      tx,
      tenantId,
      diff.removed.map((r) => r.id),
    );
    for (const { route, op } of diff.updated) {
      await this.routes.update(tx, tenantId, route.id, {
        path: op.path,
        pathKey: routePathKey(op.path),
        operationId: op.operationId,
        summary: op.summary,
        parameters: asJson(op.parameters),
      });
    }
    const added = diff.added.map((op) => ({
      id: newId('rte'),
      tenantId,
      versionId: version.id,
      method: op.method,
      path: op.path,
      pathKey: routePathKey(op.path),
      operationId: op.operationId,
      summary: op.summary,
      parameters: asJson(op.parameters),
    }));
    await this.routes.createMany(tx, added);
    const touched = [
      ...diff.removed.map((r) => r.id),
      ...diff.updated.map((u) => u.route.id),
      ...added.map((r) => r.id),
    ];
    if (!versionCreated && touched.length > 0) {
      changes.emit('registry.route.changed', version.id, { ...ref(version), routeIds: touched });
      for (const r of diff.removed)
        audit(changes, 'route.deleted', 'route', r.id, api.id, routeAuditView(r), null);
    }
    return {
      apiId: api.id,
      apiName: api.name,
      apiCreated,
      versionId: version.id,
      version: version.version,
      versionCreated,
      routes: {
        added: diff.added.length,
        updated: diff.updated.length,
        removed: diff.removed.length,
        total: doc.operations.length,
      },
    };
  }
}

function audit(
  changes: ChangeSet,
  action: string,
  entityType: 'api' | 'version' | 'route',
  entityId: string,
  apiId: string,
  before: unknown,
  after: unknown,
): void {
  changes.audit({ action, entityType, entityId, apiId, before, after });
}

/** Name, version, base path and upstream: query parameters first, then what the document says. */
export function planImport(doc: ImportedDocument, q: ImportOpenApiQuery): Plan {
  const defaults = serverDefaults(doc.servers);
  const name = q.name ?? slugify(doc.title);
  if (!ApiNameSchema.safeParse(name).success) {
    throw PorticoError.validation('Cannot derive an API name from info.title; pass ?name=.', [
      { field: 'name', message: `'${name}' is not a valid API name` },
    ]);
  }
  const version = q.version ?? versionFromInfo(doc.infoVersion);
  if (!version) {
    throw PorticoError.validation('Cannot derive a version from info.version; pass ?version=.', [
      { field: 'version', message: `'${doc.infoVersion}' is not v<major> or semver` },
    ]);
  }
  const basePath = q.basePath ?? defaults.basePath;
  if (!basePath) {
    throw PorticoError.validation('The first server URL has no path; pass ?basePath=.', [
      { field: 'basePath', message: 'required when servers[0].url has no path' },
    ]);
  }
  const upstream: Upstream | undefined = q.upstreamService
    ? { service: q.upstreamService, loadBalancing: 'round-robin' }
    : q.upstreamUrl
      ? { targets: [{ url: q.upstreamUrl, weight: 100 }], loadBalancing: 'round-robin' }
      : (doc.upstream ??
        (defaults.targetUrl
          ? { targets: [{ url: defaults.targetUrl, weight: 100 }], loadBalancing: 'round-robin' }
          : undefined));
  if (!upstream) {
    throw PorticoError.validation(
      'No upstream: pass ?upstreamService= or ?upstreamUrl=, or set x-portico-upstream.',
      [{ field: 'upstream', message: 'required' }],
    );
  }
  const tags = doc.tags.map(slugify).filter((t) => t.length > 0 && t.length <= 40);
  return { name, version, basePath, upstream, tags: [...new Set(tags)].slice(0, 20) };
}

export function diffRoutes(
  existing: Route[],
  operations: ImportedOperation[],
): {
  added: ImportedOperation[];
  updated: Array<{ route: Route; op: ImportedOperation }>;
  removed: Route[];
} {
  const byKey = new Map(existing.map((r) => [`${r.method} ${r.pathKey}`, r]));
  const added: ImportedOperation[] = [];
  const updated: Array<{ route: Route; op: ImportedOperation }> = [];
  for (const op of operations) {
    const key = `${op.method} ${routePathKey(op.path)}`;
    const route = byKey.get(key);
    if (route) {
      updated.push({ route, op });
      byKey.delete(key);
    } else added.push(op);
  }
  return { added, updated, removed: [...byKey.values()] };
}
