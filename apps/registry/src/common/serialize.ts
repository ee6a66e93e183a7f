import {
  mergePolicies,
  VERSION_TRANSITIONS,
  type ApiVersionStatus,
  type PolicySet,
  type RegistryApi,
  type RegistryApiVersion,
  type RegistryRoute,
  type Upstream,
} from '@portico/contracts';
import type { Api, ApiVersion, Route } from '../generated/prisma/client';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type ApiWithVersions = Api & {
  versions: Array<Pick<ApiVersion, 'id' | 'version' | 'status'>>;
};

export function toApiDto(api: ApiWithVersions): RegistryApi {
  return {
    id: api.id,
    tenantId: api.tenantId,
    name: api.name,
    title: api.title,
    description: api.description,
    tags: api.tags,
    owner: api.owner,
    createdAt: api.createdAt.toISOString(),
    updatedAt: api.updatedAt.toISOString(),
    versions: api.versions.map((v) => ({ id: v.id, version: v.version, status: v.status })),
  };
}

export function toRouteDto(route: Route, versionPolicies: PolicySet): RegistryRoute {
  const policies = route.policies as PolicySet;
  return {
    id: route.id,
    versionId: route.versionId,
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    parameters: route.parameters as unknown[],
    policies,
    effectivePolicies: mergePolicies(versionPolicies, policies),
    createdAt: route.createdAt.toISOString(),
    updatedAt: route.updatedAt.toISOString(),
  };
}

export function toVersionDto(v: ApiVersion, apiName: string, routes?: Route[]): RegistryApiVersion {
  const status = v.status as ApiVersionStatus;
  const policies = v.policies as PolicySet;
  const dto: RegistryApiVersion = {
    id: v.id,
    apiId: v.apiId,
    apiName,
    version: v.version,
    status,
    allowedTransitions: [...VERSION_TRANSITIONS[status]],
    basePath: v.basePath,
    upstream: v.upstream as Upstream,
    policies,
    hasOpenApi: v.openapi !== null,
    publishedAt: iso(v.publishedAt),
    deprecatedAt: iso(v.deprecatedAt),
    sunsetAt: iso(v.sunsetAt),
    retiredAt: iso(v.retiredAt),
    successorVersion: v.successorVersion,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
  if (routes) dto.routes = routes.map((r) => toRouteDto(r, policies));
  return dto;
}

/** What the audit log keeps of a version (the OpenAPI document is too big and has its own history). */
export function versionAuditView(v: ApiVersion): Record<string, unknown> {
  const { openapi, createdAt, updatedAt, ...rest } = v;
  return {
    ...rest,
    hasOpenApi: openapi !== null,
    publishedAt: iso(v.publishedAt),
    deprecatedAt: iso(v.deprecatedAt),
    sunsetAt: iso(v.sunsetAt),
    retiredAt: iso(v.retiredAt),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function apiAuditView(api: Api): Record<string, unknown> {
  return { ...api, createdAt: api.createdAt.toISOString(), updatedAt: api.updatedAt.toISOString() };
}

export function routeAuditView(r: Route): Record<string, unknown> {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}
