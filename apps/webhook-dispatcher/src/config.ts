import { EgressGuard } from '@portico/egress';
import {
  BaseConfigSchema,
  DatabaseConfigSchema,
  SecretKeyConfigSchema,
  requireSecretKeyInProduction,
} from '@portico/platform';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const WebhookDispatcherConfigSchema = BaseConfigSchema.merge(DatabaseConfigSchema)
  .merge(SecretKeyConfigSchema)
  .extend({
    PORT: int(0, 65535).default(3004),
    /** Comma-separated CIDRs webhooks may reach despite the private-address guard. */
    PORTICO_EGRESS_ALLOW_SUBNETS: z
      .string()
      .refine(
        (v) => {
          try {
            EgressGuard.fromConfig(v);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'must be comma-separated CIDRs such as 127.0.0.0/8' },
      )
      .optional(),
    /** Refuse http:// endpoint URLs. */
    WEBHOOK_HTTPS_ONLY: flag.default(false),
    /** Deliveries in flight at once in this instance. */
    WEBHOOK_WORKER_CONCURRENCY: int(1, 5000).default(200),
    /** Deliveries claimed from the queue per query. */
    WEBHOOK_WORKER_BATCH: int(1, 1000).default(100),
    /** How often an idle worker looks for due deliveries (other instances' and retries). */
    WEBHOOK_POLL_INTERVAL_MS: int(10, 60_000).default(500),
    /** A claimed delivery is retaken by another worker after its timeout plus this margin. */
    WEBHOOK_LEASE_MARGIN_SECONDS: int(1, 3600).default(30),
    /** An endpoint failing without a success for this long is disabled (default 5 days). */
    WEBHOOK_DISABLE_AFTER_HOURS: int(1, 24 * 365).default(120),
    /** Consecutive failures that open an endpoint's circuit breaker. */
    WEBHOOK_BREAKER_FAILURES: int(1, 1000).default(5),
    /** How long an open breaker holds an endpoint's deliveries before one trial. */
    WEBHOOK_BREAKER_OPEN_SECONDS: int(1, 86_400).default(60),
    /** Messages and attempts older than this are deleted. */
    WEBHOOK_RETENTION_DAYS: int(1, 3650).default(30),
    /** How far back POST /endpoints/{id}/recover may reach, and how many messages at most. */
    WEBHOOK_RECOVER_MAX_DAYS: int(1, 365).default(14),
    WEBHOOK_RECOVER_MAX_MESSAGES: int(1, 1_000_000).default(10_000),
    /** How long an Idempotency-Key of POST /messages returns the same message. */
    WEBHOOK_IDEMPOTENCY_TTL_HOURS: int(1, 24 * 30).default(24),
    /** Events handed to the fan-out but not acknowledged are redelivered after this long. */
    WEBHOOK_CONSUMER_ACK_WAIT_MS: int(1000, 600_000).default(30_000),
  })
  .superRefine(requireSecretKeyInProduction);
export type WebhookDispatcherConfig = z.infer<typeof WebhookDispatcherConfigSchema>;
