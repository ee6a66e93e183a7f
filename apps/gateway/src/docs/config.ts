import { z } from 'zod';

const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

/** The docs feature's configuration keys, merged into GatewayConfigSchema. */
export const DocsConfigShape = {
  /** The URL clients reach the gateway at (servers, OAuth token URL); unset: the request's host. */
  GATEWAY_PUBLIC_URL: z.string().url().optional(),
  /**
   * Services whose management API the docs hub merges: their /docs-json through discovery
   * (`gateway` is this gateway's own API, read in-process).
   */
  GATEWAY_DOCS_SERVICES: csv(
    'gateway,registry,consumer-management,analytics,webhook-dispatcher,integration-connectors',
  ),
  /** How long a merged document is served before it is rebuilt (registry events rebuild sooner). */
  GATEWAY_DOCS_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  GATEWAY_DOCS_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /**
   * A read-only key (role auditor or system) of the tenant whose APIs the hub documents: with it
   * the hub shows each published version's imported OpenAPI document; without it, the routes.
   */
  GATEWAY_DOCS_REGISTRY_API_KEY: z.string().min(16).optional(),
  /** The tenant whose published APIs the hub lists. */
  GATEWAY_DOCS_TENANT_ID: z.string().min(1).default('ten_default'),
  /** A packed @portico/sdk tarball to serve; unset: packed on first download from libs/sdk. */
  GATEWAY_SDK_TARBALL: z.string().min(1).optional(),
  /** Where on-demand packs are kept (default: <tmp>/portico-sdk). */
  GATEWAY_SDK_CACHE_DIR: z.string().min(1).optional(),
};
