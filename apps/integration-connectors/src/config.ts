import {
  BaseConfigSchema,
  DatabaseConfigSchema,
  SecretKeyConfigSchema,
  requireSecretKeyInProduction,
} from '@portico/platform';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const IntegrationConnectorsConfigSchema = BaseConfigSchema.merge(DatabaseConfigSchema)
  .merge(SecretKeyConfigSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3005),
    /** Overrides DATABASE_URL for this service (read here too: runs load through their own pool). */
    INTEGRATION_CONNECTORS_DATABASE_URL: z.string().optional(),
    /** CIDRs outbound calls may reach despite the private-address guard (tests: 127.0.0.0/8). */
    PORTICO_EGRESS_ALLOW_SUBNETS: z.string().default(''),
    /** How often each instance looks for due schedules and runs to claim. */
    CONNECTORS_SCHEDULER_INTERVAL_MS: int(50, 600_000).default(5_000),
    /** A running run's lease; another instance takes the run over when it is not renewed. */
    CONNECTORS_RUN_LEASE_MS: int(500, 3_600_000).default(60_000),
    /** Runs one instance executes at the same time. */
    CONNECTORS_MAX_CONCURRENT_RUNS: int(1, 64).default(2),
    /** Records per destination transaction (the unit a crashed run resumes from). */
    CONNECTORS_BATCH_RECORDS: int(1, 100_000).default(5_000),
    /** Connections to PostgreSQL used by runs to load destination tables. */
    CONNECTORS_LOAD_POOL_SIZE: int(1, 50).default(4),
    /** Error history and action invocations older than this are deleted (checked hourly). */
    CONNECTORS_HISTORY_RETENTION_DAYS: int(1, 3650).default(30),
    /** Actions executed at the same time by one instance. */
    CONNECTORS_ACTIONS_CONCURRENCY: int(1, 100).default(8),
  })
  .superRefine(requireSecretKeyInProduction);
export type IntegrationConnectorsConfig = z.infer<typeof IntegrationConnectorsConfigSchema>;
