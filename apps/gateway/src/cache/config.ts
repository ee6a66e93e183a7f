import { z } from 'zod';

/** The cache feature's configuration keys, merged into GatewayConfigSchema. */
export const CacheConfigShape = {
  /** Entries kept at most; the least recently used goes first. */
  GATEWAY_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  /** Bytes (bodies + headers + keys) kept at most, the second bound on the LRU. */
  GATEWAY_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** Larger responses are never stored (one big body must not flush the whole cache). */
  GATEWAY_CACHE_MAX_ENTRY_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024 * 1024),
};
