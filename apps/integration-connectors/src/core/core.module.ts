import {
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EgressGuard } from '@portico/egress';
import { OutboxRelay } from '@portico/messaging';
import {
  CONFIG,
  InjectDatabase,
  InjectLogger,
  LOGGER,
  MessagingService,
  resolveDatabase,
  SecretBox,
  SecretKeyring,
} from '@portico/platform';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { IntegrationConnectorsConfig } from '../config';
import type { PrismaClient } from '../generated/prisma/client';
import { ConnectionRuntimes } from './connection-runtimes';
import { ErrorHistory } from './error-history';
import { LOAD_POOL, SERVICE_SCHEMA } from './tokens';

/** The outbox relay of this app (one per process), started once NATS is connected. */
export class Outbox implements OnModuleInit {
  private relay: OutboxRelay | undefined;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      this.relay = new OutboxRelay({
        db: this.db,
        messaging: m,
        logger: this.logger.child({ component: 'outbox' }),
      });
      this.relay.start();
    });
    this.messaging.onShutdown(() => this.relay?.stop());
  }

  notify(): void {
    this.relay?.notify();
  }
}

class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(LOAD_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

@Global()
@Module({
  providers: [
    {
      // Third-party credentials at rest (AES-256-GCM under their own PORTICO_SECRET_KEY subkey).
      provide: SecretBox,
      useFactory: (keyring: SecretKeyring) => keyring.box('integration-connectors/credentials'),
      inject: [SecretKeyring],
    },
    {
      provide: EgressGuard,
      useFactory: (config: IntegrationConnectorsConfig) =>
        EgressGuard.fromConfig(config.PORTICO_EGRESS_ALLOW_SUBNETS),
      inject: [CONFIG],
    },
    {
      provide: SERVICE_SCHEMA,
      useFactory: (config: IntegrationConnectorsConfig) => ownDatabase(config).schema,
      inject: [CONFIG],
    },
    {
      provide: LOAD_POOL,
      useFactory: (config: IntegrationConnectorsConfig, logger: Logger) => {
        const { url, schema } = ownDatabase(config);
        const pool = new Pool({
          connectionString: url,
          max: config.CONNECTORS_LOAD_POOL_SIZE,
          connectionTimeoutMillis: 5_000,
          options: `-c search_path=${schema}`,
        });
        pool.on('error', (err) => logger.warn({ err: err.message }, 'load pool connection error'));
        return pool;
      },
      inject: [CONFIG, LOGGER],
    },
    PoolCloser,
    Outbox,
    ConnectionRuntimes,
    ErrorHistory,
  ],
  exports: [
    SecretBox,
    EgressGuard,
    LOAD_POOL,
    SERVICE_SCHEMA,
    Outbox,
    ConnectionRuntimes,
    ErrorHistory,
  ],
})
export class CoreModule {}

function ownDatabase(config: IntegrationConnectorsConfig): { url: string; schema: string } {
  return resolveDatabase(
    'integration-connectors',
    'connectors',
    { INTEGRATION_CONNECTORS_DATABASE_URL: config.INTEGRATION_CONNECTORS_DATABASE_URL },
    config.DATABASE_URL,
  );
}
