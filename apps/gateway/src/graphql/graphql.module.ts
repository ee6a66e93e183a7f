import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import { isPorticoError, type Principal } from '@portico/contracts';
import { CONFIG, LOGGER, presentedKey } from '@portico/platform';
import type { FastifyRequest } from 'fastify';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  specifiedRules,
  validate,
} from 'graphql';
import type { Logger } from 'pino';
import { HealthResolver } from './analytics/health.resolver';
import { LiveResolver } from './live/live.resolver';
import { MetricsResolver } from './analytics/metrics.resolver';
import type { GraphContext } from './common/context';
import { formatGraphError } from './common/errors';
import { GraphAuth } from './common/graph-auth';
import { GraphClient } from './common/graph-client';
import {
  CostBudget,
  costLimit,
  depthLimit,
  noIntrospection,
  subscriptionsOnly,
} from './common/limits';
import { createLoaders } from './common/loaders';
import { GraphRateLimit, rateLimitHeaders } from './common/rate-limit';
import type { GraphqlConfig } from './config';
import { ConnectorsResolver } from './connectors/connectors.resolver';
import { ConsumersResolver } from './consumers/consumers.resolver';
import { ApiVersionResolver, RegistryResolver } from './registry/registry.resolver';
import { WebhooksResolver } from './webhooks/webhooks.resolver';

/** Every resolver of the schema (the schema test builds the SDL from this list). */
export const GRAPHQL_RESOLVERS = [
  RegistryResolver,
  ApiVersionResolver,
  ConsumersResolver,
  HealthResolver,
  MetricsResolver,
  WebhooksResolver,
  ConnectorsResolver,
  LiveResolver,
];

@Module({
  providers: [GraphClient, GraphAuth, GraphRateLimit],
  exports: [GraphClient, GraphAuth, GraphRateLimit],
})
export class GraphqlCoreModule {}

interface WsResult {
  errors?: readonly GraphQLError[];
}

/** graphql-ws's context; `extra` is what its `ws` integration puts there (plus our principal). */
interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
  extra: unknown;
}
interface WsExtra {
  request: IncomingMessage;
  socket: { close(code: number, reason: string): void };
  principal?: Principal | null;
}

function wsKey(ctx: WsContext): string | undefined {
  const params = ctx.connectionParams ?? {};
  const fromParams = params['x-api-key'] ?? params['X-API-Key'] ?? params['apiKey'];
  if (typeof fromParams === 'string' && fromParams) return fromParams.trim();
  const auth = params['authorization'] ?? params['Authorization'];
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer '))
    return auth.slice(7).trim();
  // Else what the upgrade request carried, read as REST reads it (X-API-Key, else Bearer).
  return presentedKey({ headers: (ctx.extra as WsExtra).request.headers } as FastifyRequest);
}

/** A failure before any resolver runs (verifying the credential) answers the whole request. */
function asRequestError(err: unknown): never {
  if (!isPorticoError(err)) throw err;
  throw new GraphQLError(err.message, {
    extensions: { code: err.code, http: { status: err.status } },
  });
}

/** Apollo options from config; exported for the schema test. */
export function apolloOptions(
  config: GraphqlConfig,
  logger: Logger,
  auth: GraphAuth,
  client: GraphClient,
  rateLimit: GraphRateLimit,
): ApolloDriverConfig {
  const formatError = formatGraphError(logger.child({ component: 'graphql' }));
  const introspection = config.GATEWAY_GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production';
  const rules = [depthLimit(config.GATEWAY_GRAPHQL_MAX_DEPTH)];
  const wsRules = [
    ...specifiedRules,
    ...rules,
    subscriptionsOnly,
    ...(introspection ? [] : [noIntrospection]),
  ];
  const wsFormat = (e: GraphQLError) => formatError(e.toJSON(), e);
  return {
    path: '/graphql',
    autoSchemaFile: config.GATEWAY_GRAPHQL_SCHEMA_FILE ?? true,
    sortSchema: true,
    graphiql: false,
    introspection,
    includeStacktraceInErrorResponses: false,
    // Automatic persisted queries (Apollo's APQ), in memory per instance.
    persistedQueries: { ttl: 900 },
    validationRules: rules,
    plugins: [
      rateLimitHeaders(),
      costLimit(
        config.GATEWAY_GRAPHQL_MAX_COST,
        new CostBudget(config.GATEWAY_GRAPHQL_COST_BUDGET_PER_MINUTE),
      ),
    ],
    formatError,
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // The credential travels in the connection parameters (browsers cannot set headers on a
        // WebSocket) or on the upgrade request; an invalid one closes the socket (4403).
        // A connection counts as one request against the caller's /graphql rate limit; over it,
        // the socket closes with 4429 (graphql-ws's own code for too many requests).
        onConnect: async (ctx: WsContext) => {
          const extra = ctx.extra as WsExtra;
          const ip = extra.request.socket.remoteAddress ?? '';
          const key = wsKey(ctx);
          if (key) {
            extra.principal = await auth.authenticateKey(key, ip).catch(() => null);
            if (extra.principal === null) return false;
          }
          try {
            await rateLimit.check(extra.principal ?? null, ip, 'graphql-ws');
          } catch (err) {
            extra.socket.close(4429, (err as Error).message.slice(0, 120));
            return false;
          }
          return true;
        },
        context: (ctx: WsContext): GraphContext => {
          const extra = ctx.extra as WsExtra;
          const principal = extra.principal ?? null;
          return {
            req: extra.request as unknown as FastifyRequest,
            principal,
            loaders: createLoaders(client, principal),
          };
        },
        // Subscriptions only, with the depth limit and introspection switch of HTTP.
        validate: (schema: GraphQLSchema, document: DocumentNode) =>
          validate(schema, document, wsRules),
        // Same error shape as over HTTP: extensions.code, no stack.
        onNext: (
          _ctx: unknown,
          _id: unknown,
          _payload: unknown,
          _args: unknown,
          result: WsResult,
        ) => (result.errors ? { ...result, errors: result.errors.map(wsFormat) } : result),
        onError: (
          _ctx: unknown,
          _id: unknown,
          _payload: unknown,
          errors: readonly GraphQLError[],
        ) => errors.map(wsFormat),
        // Nest's type leaves `context` out; its subscription service passes it to graphql-ws.
      } as GraphQLWsSubscriptionsConfig,
    },
    context: async (req: FastifyRequest): Promise<GraphContext> => {
      const principal = await auth.authenticate(req).catch(asRequestError);
      const rateLimitHeaders = await rateLimit.check(principal, req.ip, String(req.id));
      return { req, principal, loaders: createLoaders(client, principal), rateLimitHeaders };
    },
  };
}

/** `/graphql`: the platform in one typed graph (Apollo, code-first), resolved over NATS. */
@Module({
  imports: [
    GraphqlCoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphqlCoreModule],
      inject: [CONFIG, LOGGER, GraphAuth, GraphClient, GraphRateLimit],
      useFactory: apolloOptions,
    }),
  ],
  providers: GRAPHQL_RESOLVERS,
})
export class GraphqlModule {}
