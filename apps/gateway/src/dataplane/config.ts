import { z } from 'zod';

const MANAGED_SERVICES = [
  'registry',
  'consumer-management',
  'analytics',
  'webhook-dispatcher',
  'integration-connectors',
];

/** The dataplane feature's configuration keys, merged into GatewayConfigSchema. */
export const DataPlaneConfigShape = {
  /** DB-less mode: read the RouteSnapshot from this JSON or YAML file instead of the registry. */
  GATEWAY_ROUTES_FILE: z.string().min(1).optional(),
  /** Per-attempt upstream timeout of routes whose policies set none. */
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(30_000),
  /** Request body limit of routes whose policies set none (413 PAYLOAD_TOO_LARGE above it). */
  GATEWAY_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** How long to wait for the registry's snapshot reply, and between attempts at start. */
  GATEWAY_SNAPSHOT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  GATEWAY_SNAPSHOT_RETRY_MS: z.coerce.number().int().min(50).default(1_000),
  /** Responses smaller than this (by Content-Length) are not compressed. */
  GATEWAY_COMPRESSION_MIN_BYTES: z.coerce.number().int().min(0).default(1_024),
  /** How often GET /api/v1/status probes each service's /health/ready. */
  GATEWAY_STATUS_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  GATEWAY_STATUS_TIMEOUT_MS: z.coerce.number().int().min(50).default(2_000),
  /** The services GET /api/v1/status reports on (comma-separated discovery names). */
  GATEWAY_STATUS_SERVICES: z
    .string()
    .default(MANAGED_SERVICES.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
};

export interface DataPlaneConfig {
  GATEWAY_ROUTES_FILE?: string | undefined;
  GATEWAY_UPSTREAM_TIMEOUT_MS: number;
  GATEWAY_BODY_LIMIT_BYTES: number;
  GATEWAY_SNAPSHOT_TIMEOUT_MS: number;
  GATEWAY_SNAPSHOT_RETRY_MS: number;
  GATEWAY_COMPRESSION_MIN_BYTES: number;
  GATEWAY_STATUS_INTERVAL_MS: number;
  GATEWAY_STATUS_TIMEOUT_MS: number;
  GATEWAY_STATUS_SERVICES: string[];
  TRUST_PROXY: boolean;
}
