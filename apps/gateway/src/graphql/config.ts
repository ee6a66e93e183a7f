import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The GraphQL feature's configuration keys, merged into GatewayConfigSchema. */
export const GraphqlConfigShape = {
  /** Schema introspection; unset = on except when NODE_ENV=production. */
  GATEWAY_GRAPHQL_INTROSPECTION: flag.optional(),
  /** Deepest selection nesting accepted (the root field is depth 1). */
  GATEWAY_GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  /** Highest estimated cost of one operation (each object 1, lists multiplied by `first`). */
  GATEWAY_GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
  /** Total estimated cost one caller (consumer, or user) may spend per minute, per instance. */
  GATEWAY_GRAPHQL_COST_BUDGET_PER_MINUTE: z.coerce.number().int().min(10).default(200_000),
  /**
   * Requests one caller (consumer, else key or user, else client address) may send to /graphql per
   * window, counted by the gateway's limiter (shared through Redis when REDIS_URL is set); 0 = off.
   */
  GATEWAY_GRAPHQL_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000_000).default(600),
  GATEWAY_GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Time to wait for the owning service's answer to one request, in milliseconds. */
  GATEWAY_GRAPHQL_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** When set, the running schema is also written to this file (SDL, sorted). */
  GATEWAY_GRAPHQL_SCHEMA_FILE: z.string().min(1).optional(),
};

export interface GraphqlConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  PORTICO_BOOTSTRAP_ADMIN_KEY?: string | undefined;
  GATEWAY_GRAPHQL_INTROSPECTION?: boolean | undefined;
  GATEWAY_GRAPHQL_MAX_DEPTH: number;
  GATEWAY_GRAPHQL_MAX_COST: number;
  GATEWAY_GRAPHQL_COST_BUDGET_PER_MINUTE: number;
  GATEWAY_GRAPHQL_RATE_LIMIT: number;
  GATEWAY_GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: number;
  GATEWAY_GRAPHQL_RPC_TIMEOUT_MS: number;
  GATEWAY_GRAPHQL_SCHEMA_FILE?: string | undefined;
}
