import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConsulClient, ServiceRegistration } from '@portico/discovery';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { type BaseConfig, ConfigError, loadConfig, resolveDatabase } from './config/config';
import type { CredentialVerifier } from './auth/credential-verifier';
import type { DatabaseDefinition } from './database/database';
import { installHttpHooks } from './http/hooks';
import { createLogger, PinoNestLogger } from './logging/logger';
import { acceptRequestId } from './logging/request-context';
import { MessagingService } from './messaging/messaging.service';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { PlatformModule } from './platform.module';

export interface ServiceDefinition<S extends z.ZodObject = z.ZodObject> {
  /** The app name: Consul service name, log `service` field, metrics label. */
  name: string;
  version?: string;
  /** The app's config schema: BaseConfigSchema (+ DatabaseConfigSchema) extended with its own. */
  configSchema: S;
  /** The app's root module (its feature modules). */
  module: Type<unknown> | DynamicModule;
  database?: DatabaseDefinition;
  openapi: { title: string; description: string };
  /** A provider exported by `module` that verifies credentials locally instead of over NATS. */
  credentialVerifier?: Type<CredentialVerifier>;
}

export interface RunningService<C = BaseConfig> {
  app: NestFastifyApplication;
  config: C;
  logger: Logger;
  /** The OpenAPI document the app serves at /docs-json. */
  openapi: OpenAPIObject;
  /** Listens on HOST:PORT (PORT=0: a free port), registers in Consul; returns the base URL. */
  listen(): Promise<string>;
  /** Graceful stop: deregister, finish in-flight requests, drain NATS, close the database. */
  close(): Promise<void>;
}

/**
 * Builds an app exactly as production runs it (tests call this too, with their own env).
 * Throws ConfigError when the environment is invalid.
 */
export async function createService<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  env: Record<string, string | undefined>,
  opts: { logDestination?: DestinationStream } = {},
): Promise<RunningService<z.infer<S>>> {
  const config = loadConfig(def.configSchema, env) as z.infer<S> &
    BaseConfig & { DATABASE_URL?: string };
  const version = def.version ?? '0.1.0';
  const logger = createLogger({
    service: def.name,
    level: config.LOG_LEVEL,
    ...(opts.logDestination ? { destination: opts.logDestination } : {}),
  });
  const metrics = new MetricsService(def.name);
  const database =
    def.database && config.DATABASE_URL
      ? {
          definition: def.database,
          ...resolveDatabase(def.name, def.database.schema, env, config.DATABASE_URL),
        }
      : undefined;

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      acceptRequestId(req.headers['x-request-id']),
    logger: false,
    // Keep-alive sockets that sit idle are closed at shutdown; busy ones finish their request.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const root = PlatformModule.forRoot({
    service: { name: def.name, version, startedAt: new Date() },
    config,
    logger,
    metrics,
    ...(database ? { database } : {}),
    ...(def.credentialVerifier ? { credentialVerifier: def.credentialVerifier } : {}),
    imports: [def.module],
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    bufferLogs: false,
    abortOnError: false,
  });
  const lifecycle = { closing: false };
  installHttpHooks(app.getHttpAdapter().getInstance(), logger, metrics, lifecycle);
  const doc = buildOpenApiDocument(app, { ...def.openapi, version });
  serveOpenApi(app, doc);

  let registration: ServiceRegistration | undefined;
  let closed: Promise<void> | undefined;
  const messaging = app.get(MessagingService);

  return {
    app,
    config,
    logger,
    openapi: doc,
    async listen() {
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.getHttpServer().address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      void messaging.start();
      if (config.CONSUL_HTTP_ADDR) {
        registration = new ServiceRegistration(
          new ConsulClient({
            addr: config.CONSUL_HTTP_ADDR,
            ...(config.CONSUL_HTTP_TOKEN ? { token: config.CONSUL_HTTP_TOKEN } : {}),
          }),
          {
            name: def.name,
            address: config.SERVICE_ADDRESS,
            port,
            tags: [`version:${version}`],
            meta: { version },
            checkInterval: config.CONSUL_CHECK_INTERVAL,
          },
          logger.child({ component: 'consul' }),
        );
        await registration
          .register()
          .catch((err: unknown) =>
            logger.warn(
              { err: err instanceof Error ? err.message : err },
              'Consul registration failed',
            ),
          );
      }
      const url = `http://${config.SERVICE_ADDRESS}:${port}`;
      logger.info({ url, docs: `${url}/docs` }, `${def.name} listening`);
      return url;
    },
    close() {
      closed ??= (async () => {
        lifecycle.closing = true;
        // Leave discovery first so callers stop choosing this instance while it drains.
        if (registration) await registration.deregister().catch(() => undefined);
        await app.close();
      })();
      return closed;
    },
  };
}

/**
 * An app's OpenAPI document, built from its controllers without listening or connecting to
 * anything (nothing connects before listen): the SDK generator runs this offline. The env must
 * still be valid for the app's config schema (a DATABASE_URL that is never dialled will do).
 */
export async function buildServiceOpenApi<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  env: Record<string, string | undefined>,
): Promise<OpenAPIObject> {
  const silent: DestinationStream = { write: () => undefined };
  const service = await createService(
    def,
    { LOG_LEVEL: 'fatal', ...env },
    { logDestination: silent },
  );
  try {
    return service.openapi;
  } finally {
    await service.close();
  }
}

/**
 * The entry point of every app's main.ts: config errors print one line each and exit 1; SIGTERM
 * and SIGINT shut down gracefully (bounded by SHUTDOWN_TIMEOUT_MS).
 */
export async function runService<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  let service: RunningService<z.infer<S>>;
  try {
    service = await createService(def, env);
    await service.listen();
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const line of e.lines(def.name)) process.stderr.write(`${line}\n`);
    } else {
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`[${def.name}] failed to start: ${message}\n`);
    }
    process.exit(1);
  }
  const timeoutMs = (service.config as BaseConfig).SHUTDOWN_TIMEOUT_MS;
  const stop = (signal: string) => {
    service.logger.info({ signal }, 'signal received');
    const force = setTimeout(() => {
      service.logger.error({ timeoutMs }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        service.logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
