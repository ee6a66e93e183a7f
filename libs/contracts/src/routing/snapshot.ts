import { z } from 'zod';
import { HttpMethodSchema, PolicySetSchema } from './policies';

/**
 * The compiled route table the registry serves to gateways (NATS `registry.snapshot.get` and REST
 * `GET /api/v1/route-table`). Every change in the registry bumps `revision` and emits a
 * `registry.*` event carrying the new revision; a gateway applies events in order and reloads the
 * snapshot when it sees a gap.
 *
 * Public URL of a route: `/{version}{basePath}{path}` (basePath `/counting`, path `/cameras/{id}`:
 * `/v1/counting/cameras/{id}`), or
 * `{basePath}{path}` with an `API-Version: v1` header; without either, the newest published
 * version answers. The upstream receives `{target}{transform.request.pathPrefix ?? ''}{path}`.
 */
export const UpstreamTargetSchema = z.object({
  url: z.string().url(),
  weight: z.number().int().min(1).max(1000).default(100),
});

export const UpstreamSchema = z
  .object({
    /** A service name resolved through discovery (Consul or static), or explicit targets. */
    service: z.string().min(1).optional(),
    targets: z.array(UpstreamTargetSchema).min(1).optional(),
    loadBalancing: z.enum(['round-robin', 'least-connections', 'weighted']).default('round-robin'),
    healthCheck: z
      .object({
        path: z.string().startsWith('/').default('/health'),
        intervalMs: z.number().int().min(100).default(30_000),
        timeoutMs: z.number().int().min(10).default(5_000),
        unhealthyThreshold: z.number().int().min(1).default(3),
      })
      .optional(),
  })
  .refine((u) => !!u.service !== !!u.targets, {
    message: 'set exactly one of service or targets',
  });
export type Upstream = z.infer<typeof UpstreamSchema>;

export const SnapshotRouteSchema = z.object({
  routeId: z.string(),
  method: z.union([HttpMethodSchema, z.literal('ANY')]),
  /** Path pattern relative to the base path, OpenAPI style: `/cameras/{id}`. */
  path: z.string().startsWith('/'),
  operationId: z.string().nullable(),
  /** Effective policies: the version's, overridden by the route's. */
  policies: PolicySetSchema,
});
export type SnapshotRoute = z.infer<typeof SnapshotRouteSchema>;

export const SnapshotVersionSchema = z.object({
  versionId: z.string(),
  version: z.string(),
  status: z.enum(['published', 'deprecated', 'retired']),
  basePath: z.string().startsWith('/'),
  deprecatedAt: z.string().nullable(),
  sunsetAt: z.string().nullable(),
  successorVersion: z.string().nullable(),
  upstream: UpstreamSchema,
  routes: z.array(SnapshotRouteSchema),
});
export type SnapshotVersion = z.infer<typeof SnapshotVersionSchema>;

export const SnapshotApiSchema = z.object({
  tenantId: z.string(),
  apiId: z.string(),
  name: z.string(),
  versions: z.array(SnapshotVersionSchema),
});
export type SnapshotApi = z.infer<typeof SnapshotApiSchema>;

export const RouteSnapshotSchema = z.object({
  revision: z.number().int().min(0),
  generatedAt: z.string(),
  apis: z.array(SnapshotApiSchema),
});
export type RouteSnapshot = z.infer<typeof RouteSnapshotSchema>;
