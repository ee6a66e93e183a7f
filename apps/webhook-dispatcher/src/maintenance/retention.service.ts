import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, InjectDatabase, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import type { WebhookDispatcherConfig } from '../config';
import type { PrismaClient } from '../generated/prisma/client';

const SWEEP_EVERY_MS = 60 * 60_000;
/** Rows per DELETE, so a large backlog never holds long locks. */
const CHUNK = 5000;

const DELETE_ATTEMPTS = `DELETE FROM webhook_attempts WHERE id IN (
  SELECT id FROM webhook_attempts WHERE created_at < CAST($1 AS timestamptz) LIMIT ${CHUNK})`;
/** A message still being delivered is kept whatever its age. */
const DELETE_MESSAGES = `DELETE FROM webhook_messages WHERE id IN (
  SELECT m.id FROM webhook_messages m WHERE m.created_at < CAST($1 AS timestamptz)
  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status = 'pending')
  LIMIT ${CHUNK})`;
const DELETE_KEYS = `DELETE FROM webhook_idempotency_keys WHERE expires_at <= CAST($1 AS timestamptz)`;

/** Deletes messages (with their deliveries) and attempts past WEBHOOK_RETENTION_DAYS, hourly. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    @InjectConfig() private readonly config: WebhookDispatcherConfig,
    @InjectLogger() private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'retention sweep failed'));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ messages: number; attempts: number; keys: number }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.WEBHOOK_RETENTION_DAYS * 86_400_000);
    const attempts = await this.drain(DELETE_ATTEMPTS, cutoff);
    const messages = await this.drain(DELETE_MESSAGES, cutoff);
    const keys = await this.db.$executeRawUnsafe(DELETE_KEYS, now.toISOString());
    if (attempts + messages > 0) {
      this.logger.info({ attempts, messages, cutoff }, 'deleted webhook history past retention');
    }
    return { messages, attempts, keys };
  }

  private async drain(sql: string, cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.$executeRawUnsafe(sql, cutoff.toISOString());
      total += n;
      if (n < CHUNK) return total;
    }
  }
}
