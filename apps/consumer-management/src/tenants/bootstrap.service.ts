import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DEFAULT_TENANT_ID } from '@portico/contracts';
import { BootstrapKey, InjectConfig, InjectDatabase, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { ConsumerManagementConfig } from '../config';
import type { Db } from '../common/database';
import { Outbox } from '../common/outbox.service';
import { KeysService } from '../keys/keys.service';

/** The bootstrap admin's user id: what the platform's BootstrapKey principal names. */
export const BOOTSTRAP_USER_ID = BootstrapKey.principal().actorId;

/**
 * Makes sure the default tenant and its bootstrap admin user exist (idempotent; several instances
 * may race). Without PORTICO_BOOTSTRAP_ADMIN_KEY, the first start also creates an admin API key
 * and prints it once. The database may be down at start: then this retries in the background.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @InjectDatabase() private readonly db: Db,
    @InjectConfig() private readonly config: ConsumerManagementConfig,
    @InjectLogger() private readonly logger: Logger,
    private readonly outbox: Outbox,
    private readonly keys: KeysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.attempt(1);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async attempt(n: number): Promise<void> {
    if (this.stopped) return;
    try {
      await this.run();
    } catch (err) {
      const delay = Math.min(500 * 2 ** n, 30_000);
      if (n === 1) this.logger.warn({ err }, 'bootstrap of the default tenant failed; retrying');
      this.retry = setTimeout(() => void this.attempt(n + 1), delay);
      this.retry.unref();
    }
  }

  async run(): Promise<void> {
    await this.db.$executeRawUnsafe(
      `INSERT INTO tenants (id, name, slug, status, self_signup, created_at, updated_at)
       VALUES ($1, 'Default', 'default', 'active', true, now(), now()) ON CONFLICT DO NOTHING`,
      DEFAULT_TENANT_ID,
    );
    await this.db.$executeRawUnsafe(
      `INSERT INTO users (id, tenant_id, email, name, role, status, created_at, updated_at)
       VALUES ($1, $2, 'admin@portico.local', 'Bootstrap admin', 'admin', 'active', now(), now())
       ON CONFLICT DO NOTHING`,
      BOOTSTRAP_USER_ID,
      DEFAULT_TENANT_ID,
    );
    if (this.config.PORTICO_BOOTSTRAP_ADMIN_KEY) return;
    const key = await this.outbox.transaction(async (tx, emit) => {
      // Only the instance that flips the flag creates (and prints) the key: exactly once, ever.
      const claimed = await tx.user.updateMany({
        where: { id: BOOTSTRAP_USER_ID, initialKeyIssuedAt: null },
        data: { initialKeyIssuedAt: new Date() },
      });
      if (claimed.count === 0) return null;
      return this.keys.createInTx(
        tx,
        emit,
        DEFAULT_TENANT_ID,
        { kind: 'user', userId: BOOTSTRAP_USER_ID },
        {
          name: 'initial admin key',
          scopes: ['*'],
          allowedApis: [],
          allowedIps: [],
          expiresAt: null,
        },
        BOOTSTRAP_USER_ID,
      );
    });
    if (!key) return;
    this.logger.info({ keyId: key.id }, 'generated the initial admin API key (printed once)');
    const line = '='.repeat(78);
    // stdout, apart from the JSON logs: secrets never go through the logger.
    process.stdout.write(
      `\n${line}\n  Portico: initial admin API key for tenant ${DEFAULT_TENANT_ID} (shown ONCE, store it now):\n\n` +
        `    ${key.key}\n\n  Use it as X-API-Key. Revoke it with DELETE /api/v1/keys/${key.id} once you\n` +
        `  have created your own admin keys.\n${line}\n\n`,
    );
  }
}
