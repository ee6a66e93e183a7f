import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The limits feature's configuration keys, merged into GatewayConfigSchema. */
export const LimitsConfigShape = {
  /** Shared counters for several gateway instances (unset: counters live in this process). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** `auto`: Redis when REDIS_URL is set, else memory. */
  GATEWAY_RATE_LIMIT_STORE: z.enum(['auto', 'memory', 'redis']).default('auto'),
  /** Prefix of every counter key in Redis (several environments can share one server). */
  GATEWAY_RATE_LIMIT_PREFIX: z.string().min(1).max(100).default('portico:limits:'),
  /** Budget of the Redis round trip; past it the request is let through or refused (below). */
  GATEWAY_RATE_LIMIT_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
  /** When Redis cannot answer: true lets the request through (logged, counted), false answers 503. */
  GATEWAY_RATE_LIMIT_FAIL_OPEN: boolean.default(true),
};
