import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDatabase, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { Db } from './database';

const FLUSH_EVERY_MS = 5_000;

/**
 * Remembers when keys and clients were last verified and writes that in batches, so a credential
 * check never waits for a write. Lists flush first, so they show what this instance knows.
 */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private keys = new Map<string, Date>();
  private clients = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDatabase() private readonly db: Db,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  keyUsed(keyId: string, at = new Date()): void {
    this.keys.set(keyId, at);
  }

  clientUsed(clientId: string, at = new Date()): void {
    this.clients.set(clientId, at);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const keys = this.keys;
    const clients = this.clients;
    if (keys.size === 0 && clients.size === 0) return;
    this.keys = new Map();
    this.clients = new Map();
    try {
      if (keys.size > 0) await this.update('api_keys', keys);
      if (clients.size > 0) await this.update('oauth_clients', clients);
    } catch (err) {
      this.logger.warn({ err }, 'could not record when credentials were last used');
    }
  }

  private async update(
    table: 'api_keys' | 'oauth_clients',
    used: Map<string, Date>,
  ): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE ${table} AS t SET last_used_at = v.at
       FROM unnest(CAST($1 AS text[]), CAST($2 AS timestamptz[])) AS v(id, at)
       WHERE t.id = v.id AND (t.last_used_at IS NULL OR t.last_used_at < v.at)`,
      [...used.keys()],
      [...used.values()].map((d) => d.toISOString()),
    );
  }
}
