import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { type Discovery, ConsulClient, createDiscovery } from '@portico/discovery';
import type { Logger } from 'pino';
import { AuthGuard, BOOTSTRAP_KEY } from './auth/auth.guard';
import {
  BootstrapKey,
  CREDENTIAL_VERIFIER,
  type CredentialVerifier,
  NatsCredentialVerifier,
} from './auth/credential-verifier';
import type { BaseConfig } from './config/config';
import { DEVELOPMENT_KEY_WARNING, SecretKeyring } from './secrets/keyring';
import { type DatabaseDefinition, type PrismaLike, createPrismaAdapter } from './database/database';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness';
import { EnvelopeInterceptor } from './http/envelope.interceptor';
import { EnvelopeExceptionFilter } from './http/exception.filter';
import { ZodValidationPipe } from './http/zod';
import { MessagingService } from './messaging/messaging.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import {
  CONFIG,
  DATABASE,
  DATABASE_CONNECTION,
  DISCOVERY,
  LOGGER,
  SERVICE_INFO,
  type ServiceInfo,
} from './tokens';

export interface PlatformOptions {
  service: ServiceInfo;
  config: BaseConfig & { DATABASE_POOL_SIZE?: number; PORTICO_SECRET_KEY?: string };
  logger: Logger;
  metrics: MetricsService;
  /** Present for apps that own a schema: connection resolved from config by the bootstrap. */
  database?: { definition: DatabaseDefinition; url: string; schema: string };
  /** The app's own root module. */
  imports: Array<Type<unknown> | DynamicModule>;
  /** Overrides the NATS credential check (consumer-management answers locally); exported by the app module. */
  credentialVerifier?: Type<CredentialVerifier>;
}

/** Closes what the platform opened, in the order graceful shutdown needs. */
class PlatformLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DISCOVERY) private readonly discovery: Discovery,
    private readonly db: PrismaLike | undefined,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'shutting down: finishing in-flight requests');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.discovery.close();
    if (this.db) await this.db.$disconnect().catch(() => undefined);
    this.logger.info('shutdown complete');
  }
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    const { config, logger } = opts;
    const readiness = new ReadinessRegistry();
    const providers: Provider[] = [
      { provide: CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: SERVICE_INFO, useValue: opts.service },
      { provide: MetricsService, useValue: opts.metrics },
      { provide: ReadinessRegistry, useValue: readiness },
      {
        provide: SecretKeyring,
        useFactory: () =>
          SecretKeyring.fromConfig(config.PORTICO_SECRET_KEY, () =>
            logger.warn(DEVELOPMENT_KEY_WARNING),
          ),
      },
      {
        provide: MessagingService,
        useFactory: () => {
          const messaging = new MessagingService({
            url: config.NATS_URL,
            namespace: config.PORTICO_NATS_NAMESPACE,
            name: opts.service.name,
            logger: logger.child({ component: 'nats' }),
          });
          readiness.register('nats', async () => {
            const s = messaging.status();
            if (s.status !== 'connected') throw new Error(s.error ?? `NATS is ${s.status}`);
          });
          return messaging;
        },
      },
      {
        provide: DISCOVERY,
        useFactory: () => {
          const discovery = createDiscovery({
            consulAddr: config.CONSUL_HTTP_ADDR,
            consulToken: config.CONSUL_HTTP_TOKEN,
            staticServices: config.PORTICO_STATIC_SERVICES,
            logger: logger.child({ component: 'discovery' }),
          });
          if (config.CONSUL_HTTP_ADDR) {
            const consul = new ConsulClient({
              addr: config.CONSUL_HTTP_ADDR,
              ...(config.CONSUL_HTTP_TOKEN ? { token: config.CONSUL_HTTP_TOKEN } : {}),
            });
            readiness.register('consul', async () => {
              await consul.agentSelf();
            });
          }
          return discovery;
        },
      },
      { provide: BOOTSTRAP_KEY, useValue: new BootstrapKey(config.PORTICO_BOOTSTRAP_ADMIN_KEY) },
      opts.credentialVerifier
        ? { provide: CREDENTIAL_VERIFIER, useExisting: opts.credentialVerifier }
        : {
            provide: CREDENTIAL_VERIFIER,
            useFactory: (m: MessagingService) => new NatsCredentialVerifier(m),
            inject: [MessagingService],
          },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useFactory: () => new EnvelopeExceptionFilter(logger) },
      { provide: APP_PIPE, useClass: ZodValidationPipe },
      { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
    ];
    const exports: Array<symbol | Type<unknown>> = [
      CONFIG,
      LOGGER,
      SERVICE_INFO,
      MetricsService,
      ReadinessRegistry,
      SecretKeyring,
      MessagingService,
      DISCOVERY,
    ];

    let db: PrismaLike | undefined;
    if (opts.database) {
      const { definition, url, schema } = opts.database;
      db = definition.createClient(
        createPrismaAdapter({
          url,
          schema,
          poolSize: config.DATABASE_POOL_SIZE ?? 10,
          onError: (err) => logger.warn({ err: err.message }, 'database connection error'),
        }),
      );
      const client = db;
      readiness.register('database', async () => {
        await client.$queryRawUnsafe('SELECT 1');
      });
      providers.push(
        { provide: DATABASE, useValue: db },
        { provide: DATABASE_CONNECTION, useValue: { url, schema } },
      );
      exports.push(DATABASE, DATABASE_CONNECTION);
    }
    providers.push({
      provide: PlatformLifecycle,
      useFactory: (l: Logger, d: Discovery) => new PlatformLifecycle(l, d, db),
      inject: [LOGGER, DISCOVERY],
    });

    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...opts.imports],
      controllers: [HealthController, MetricsController],
      providers,
      exports,
    };
  }
}
