import {
  mergePolicies,
  type PolicySet,
  type RouteSnapshot,
  type SnapshotApi,
  type SnapshotVersion,
  type Upstream,
} from '@portico/contracts';
import type { ApiVersion, Route } from '../generated/prisma/client';

export type ServedVersion = ApiVersion & {
  api: { id: string; tenantId: string; name: string };
  routes: Route[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The gateway's route table from the served versions (published, deprecated, retired): one entry
 * per API, versions oldest first, each route with its effective policies.
 */
export function compileSnapshot(
  revision: number,
  versions: ServedVersion[],
  now: Date = new Date(),
): RouteSnapshot {
  const apis = new Map<string, SnapshotApi>();
  const ordered = [...versions].sort(
    (a, b) => a.apiId.localeCompare(b.apiId) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  for (const v of ordered) {
    let api = apis.get(v.apiId);
    if (!api) {
      api = { tenantId: v.api.tenantId, apiId: v.api.id, name: v.api.name, versions: [] };
      apis.set(v.apiId, api);
    }
    api.versions.push(compileVersion(v));
  }
  return { revision, generatedAt: now.toISOString(), apis: [...apis.values()] };
}

function compileVersion(v: ServedVersion): SnapshotVersion {
  const versionPolicies = v.policies as PolicySet;
  const routes = [...v.routes].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  return {
    versionId: v.id,
    version: v.version,
    status: v.status as SnapshotVersion['status'],
    basePath: v.basePath,
    deprecatedAt: iso(v.deprecatedAt),
    sunsetAt: iso(v.sunsetAt),
    successorVersion: v.successorVersion,
    upstream: v.upstream as Upstream,
    routes: routes.map((r) => ({
      routeId: r.id,
      method: r.method as SnapshotVersion['routes'][number]['method'],
      path: r.path,
      operationId: r.operationId,
      policies: mergePolicies(versionPolicies, r.policies as PolicySet),
    })),
  };
}
