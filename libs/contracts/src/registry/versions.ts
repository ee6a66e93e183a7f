import { z } from 'zod';
import { PageQuerySchema } from '../pagination';
import { HttpMethodSchema, PolicySetSchema, type PolicySet } from '../routing/policies';
import { UpstreamSchema, type Upstream } from '../routing/snapshot';

/**
 * A version's lifecycle is linear: draft → published → deprecated → retired. Any other move is a
 * 409 CONFLICT naming the allowed next states.
 */
export const ApiVersionStatusSchema = z.enum(['draft', 'published', 'deprecated', 'retired']);
export type ApiVersionStatus = z.infer<typeof ApiVersionStatusSchema>;

export const VERSION_TRANSITIONS: Readonly<Record<ApiVersionStatus, readonly ApiVersionStatus[]>> =
  {
    draft: ['published'],
    published: ['deprecated'],
    deprecated: ['retired'],
    retired: [],
  };

/** `v1`, `v2.1` or a semantic version (`1.4.0`, `2.0.0-beta.1`): it is a segment of public URLs. */
export const VersionNameSchema = z
  .string()
  .max(40)
  .regex(
    /^(v\d+(\.\d+){0,2}|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/,
    'must be v<major>[.<minor>[.<patch>]] or a semantic version such as 1.4.0',
  );

/** `/cameras`, `/counting/v2-beta`: one or more URL-safe segments, no trailing slash. */
export const BasePathSchema = z
  .string()
  .max(200)
  .regex(
    /^(\/[A-Za-z0-9._~-]+)+$/,
    'must start with / and be URL-safe segments without a trailing slash',
  );

const PATH_SEGMENT = /^([A-Za-z0-9._~!$&'()*+,;=:@-]|\{[A-Za-z_][A-Za-z0-9_.-]*\})+$/;

/** OpenAPI-style path pattern relative to the base path: `/`, `/cameras`, `/cameras/{id}`. */
export const RoutePathSchema = z
  .string()
  .max(500)
  .startsWith('/', 'must start with /')
  .superRefine((path, ctx) => {
    if (path === '/') return;
    const segments = path.slice(1).split('/');
    if (segments.some((s) => !PATH_SEGMENT.test(s))) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be /-separated URL-safe segments with {param} placeholders',
      });
      return;
    }
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: 'uses the same parameter name twice' });
    }
  });

/** The path with parameter names erased: routes with the same key match the same requests. */
export function routePathKey(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}

export const RouteMethodSchema = z.union([HttpMethodSchema, z.literal('ANY')]);

export const CreateRouteSchema = z
  .object({
    method: RouteMethodSchema,
    path: RoutePathSchema,
    operationId: z.string().min(1).max(200).nullable().optional(),
    summary: z.string().max(1000).nullable().optional(),
    policies: PolicySetSchema.default({}),
  })
  .strict();
export type CreateRoute = z.infer<typeof CreateRouteSchema>;

export const UpdateRouteSchema = z
  .object({
    method: RouteMethodSchema.optional(),
    path: RoutePathSchema.optional(),
    operationId: z.string().min(1).max(200).nullable().optional(),
    summary: z.string().max(1000).nullable().optional(),
    policies: PolicySetSchema.optional(),
  })
  .strict();
export type UpdateRoute = z.infer<typeof UpdateRouteSchema>;

export const CreateApiVersionSchema = z
  .object({
    version: VersionNameSchema,
    basePath: BasePathSchema,
    upstream: UpstreamSchema,
    policies: PolicySetSchema.default({}),
    routes: z.array(CreateRouteSchema).max(500).default([]),
  })
  .strict();
export type CreateApiVersion = z.infer<typeof CreateApiVersionSchema>;

/** basePath can change only while the version is a draft (clients depend on it afterwards). */
export const UpdateApiVersionSchema = z
  .object({
    basePath: BasePathSchema.optional(),
    upstream: UpstreamSchema.optional(),
    policies: PolicySetSchema.optional(),
  })
  .strict();
export type UpdateApiVersion = z.infer<typeof UpdateApiVersionSchema>;

export const DeprecateApiVersionSchema = z
  .object({
    /** When the version will be retired (RFC 8594 Sunset); must be in the future. */
    sunsetAt: z.iso.datetime({ offset: true }),
    /** A published version of the same API that clients should move to. */
    successorVersion: VersionNameSchema.optional(),
  })
  .strict();
export type DeprecateApiVersion = z.infer<typeof DeprecateApiVersionSchema>;

export const VersionListQuerySchema = PageQuerySchema.extend({
  status: ApiVersionStatusSchema.optional(),
});
export type VersionListQuery = z.infer<typeof VersionListQuerySchema>;

export const OpenApiFormatQuerySchema = z.object({
  format: z.enum(['json', 'yaml']).default('json'),
});

export interface RegistryRoute {
  id: string;
  versionId: string;
  method: string;
  path: string;
  operationId: string | null;
  summary: string | null;
  parameters: unknown[];
  /** The route's own overrides. */
  policies: PolicySet;
  /** mergePolicies(version policies, route policies): what the gateway applies. */
  effectivePolicies: PolicySet;
  createdAt: string;
  updatedAt: string;
}

export interface RegistryApiVersion {
  id: string;
  apiId: string;
  apiName: string;
  version: string;
  status: ApiVersionStatus;
  /** Where the lifecycle may go from here. */
  allowedTransitions: ApiVersionStatus[];
  basePath: string;
  upstream: Upstream;
  policies: PolicySet;
  hasOpenApi: boolean;
  publishedAt: string | null;
  deprecatedAt: string | null;
  sunsetAt: string | null;
  retiredAt: string | null;
  successorVersion: string | null;
  createdAt: string;
  updatedAt: string;
  routes?: RegistryRoute[];
}
