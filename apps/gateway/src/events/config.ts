import { z } from 'zod';

/** The events feature's configuration keys, merged into GatewayConfigSchema. */
export const EventsConfigShape = {
  /** `false`: no request events at all (a deployment without analytics, or a benchmark baseline). */
  GATEWAY_EVENTS_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  /** Events held in memory at most; beyond this the buffer goes to the spill file at once. */
  GATEWAY_EVENTS_BUFFER_SIZE: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  /** Events per published message (and the size trigger of a flush). */
  GATEWAY_EVENTS_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** The time trigger of a flush. */
  GATEWAY_EVENTS_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** How long one publish waits for JetStream's acknowledgement before the batch is spilled. */
  GATEWAY_EVENTS_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Where batches go while NATS is unreachable (one NDJSON file per segment); one per instance. */
  GATEWAY_EVENTS_SPILL_DIR: z.string().min(1).default('.portico/spill/gateway'),
  /** A segment is closed (fsync'd) and a new one started beyond this size. */
  GATEWAY_EVENTS_SPILL_SEGMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /** Spilled bytes kept at most; events beyond are dropped (and counted). */
  GATEWAY_EVENTS_SPILL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
};

export type EventsConfig = {
  [K in keyof typeof EventsConfigShape]: z.infer<(typeof EventsConfigShape)[K]>;
};
