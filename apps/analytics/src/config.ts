import { BaseConfigSchema, DatabaseConfigSchema } from '@portico/platform';
import { z } from 'zod';

const int = (min: number, max: number, dflt: number) =>
  z.coerce.number().int().min(min).max(max).default(dflt);

export const AnalyticsConfigSchema = BaseConfigSchema.merge(DatabaseConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** Connections of the analytics pool (ingest COPY, rollups, metric queries), besides Prisma's. */
  ANALYTICS_DB_POOL_SIZE: int(2, 100, 6),
  /**
   * Traffic messages (each a batch of request events) handed to one ingest transaction. One fetch
   * should stay well under the NATS client's 64 MB pending limit: 100 of the gateway's default
   * 500-event messages are about 27 MB.
   */
  ANALYTICS_INGEST_BATCH_SIZE: int(1, 1000, 100),
  /** Ingest loops sharing the durable consumer: one parses a batch while others write theirs. */
  ANALYTICS_INGEST_CONCURRENCY: int(1, 8, 3),
  /** Unacknowledged traffic is redelivered after this long (the lib keeps a slow batch alive). */
  ANALYTICS_INGEST_ACK_WAIT_MS: int(1000, 600_000, 60_000),
  /** How long an idle fetch waits for traffic (JetStream minimum 1000). */
  ANALYTICS_INGEST_MAX_WAIT_MS: int(1000, 60_000, 2000),
  /** Events stamped further than this ahead of our clock are refused (counted as dropped). */
  ANALYTICS_MAX_FUTURE_SKEW_MS: int(0, 86_400_000, 3_600_000),
  /** Retention per level; whole partitions are dropped once entirely older. */
  ANALYTICS_RAW_RETENTION_DAYS: int(1, 366, 7),
  ANALYTICS_MINUTE_RETENTION_DAYS: int(2, 366, 3),
  ANALYTICS_HOUR_RETENTION_DAYS: int(31, 3660, 35),
  ANALYTICS_DAY_RETENTION_DAYS: int(31, 36600, 400),
  /** Partition upkeep, retention and sealing of hour/day rollups run this often. */
  ANALYTICS_MAINTENANCE_INTERVAL_MS: int(1000, 3_600_000, 60_000),
  /** An hour is rolled up this long after it ended (later events are still added to it). */
  ANALYTICS_SEAL_GRACE_MS: int(0, 3_600_000, 120_000),
  /** Alert rules are evaluated this often. */
  ANALYTICS_ALERT_INTERVAL_MS: int(1000, 3_600_000, 30_000),
});
export type AnalyticsConfig = z.infer<typeof AnalyticsConfigSchema>;
