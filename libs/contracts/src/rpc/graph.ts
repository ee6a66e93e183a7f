import { z } from 'zod';
import { PrincipalSchema, type Principal, type Role } from '../auth';
import { ErrorCode, PorticoError } from '../errors';
import type { Pagination } from '../envelope';
import type { AnalyticsMetricsReport } from '../analytics/metrics';
import type { ConnectionHealthView, ConnectionView, RunView } from '../connectors/connection';
import type { ApiKeyView, CreatedApiKey, RotatedApiKey } from '../consumers/keys';
import type { ConsumerView } from '../consumers/consumers';
import type { PlanView } from '../consumers/plans';
import type { SubscriptionView } from '../consumers/subscriptions';
import type { RegistryApi } from '../registry/apis';
import type { RegistryApiVersion } from '../registry/versions';
import type { RegistryAuditEntry } from '../registry/audit';
import type { ImportOpenApiResult } from '../registry/import';
import type { ServiceCatalogue } from '../registry/services';
import type { WebhookEndpoint } from '../webhooks/endpoints';
import type { WebhookAttempt, WebhookDelivery, WebhookMessage } from '../webhooks/messages';

/**
 * Request-reply subjects the gateway's GraphQL API asks the owning services on. Kept apart from
 * `RpcSubject` (service-to-service plumbing): these carry a caller and act on its behalf, with the
 * same validation, roles and error codes as the service's REST API.
 */
/** At most this many attempts per `webhookAttemptsSince` answer (oldest first). */
export const WEBHOOK_ATTEMPTS_PAGE = 200;

export const GraphRpcSubject = {
  registryApis: 'registry.graph.apis.list',
  registryApi: 'registry.graph.apis.get',
  /** Batched: the versions (with routes) of many APIs in one request. */
  registryVersionsByApi: 'registry.graph.versions.by-api',
  registryServices: 'registry.graph.services.list',
  registryAudit: 'registry.graph.audit.list',
  registryCreateApi: 'registry.graph.apis.create',
  registryCreateVersion: 'registry.graph.versions.create',
  registryPublishVersion: 'registry.graph.versions.publish',
  registryDeprecateVersion: 'registry.graph.versions.deprecate',
  registryRetireVersion: 'registry.graph.versions.retire',
  registryImportOpenApi: 'registry.graph.apis.import',

  consumers: 'consumer.graph.consumers.list',
  consumer: 'consumer.graph.consumers.get',
  /** Batched: the keys of many consumers in one request. */
  keysByConsumer: 'consumer.graph.keys.by-consumer',
  /** Batched: the subscriptions of many consumers in one request. */
  subscriptionsByConsumer: 'consumer.graph.subscriptions.by-consumer',
  /** Batched: plans by id. */
  plansById: 'consumer.graph.plans.by-id',
  signUpConsumer: 'consumer.graph.consumers.sign-up',
  approveConsumer: 'consumer.graph.consumers.approve',
  rejectConsumer: 'consumer.graph.consumers.reject',
  createApiKey: 'consumer.graph.keys.create',
  revokeApiKey: 'consumer.graph.keys.revoke',
  rotateApiKey: 'consumer.graph.keys.rotate',

  webhookEndpoints: 'webhooks.graph.endpoints.list',
  webhookMessages: 'webhooks.graph.messages.list',
  /** Batched: the attempts of many messages in one request. */
  webhookAttemptsByMessage: 'webhooks.graph.attempts.by-message',
  /** An endpoint's attempts recorded since a time (oldest first, at most 200): live views poll it. */
  webhookAttemptsSince: 'webhooks.graph.attempts.since',
  createWebhookEndpoint: 'webhooks.graph.endpoints.create',
  recoverWebhookEndpoint: 'webhooks.graph.endpoints.recover',
  resendWebhookMessage: 'webhooks.graph.messages.resend',

  connectors: 'connectors.graph.connections.list',
  connectorRuns: 'connectors.graph.runs.list',
  connectorRun: 'connectors.graph.runs.get',
  connectorErrorSummary: 'connectors.graph.errors.summary',
  createConnection: 'connectors.graph.connections.create',
  triggerRun: 'connectors.graph.runs.trigger',

  analyticsMetrics: 'analytics.graph.metrics',
} as const;
export type GraphRpcSubject = (typeof GraphRpcSubject)[keyof typeof GraphRpcSubject];

/**
 * Every GraphQL request-reply body: the caller the gateway authenticated (verified through
 * `consumer.credentials.verify`) and the operation's arguments, which the service validates with the
 * schemas its REST API uses. NATS is the suite's internal bus: only services publish on it.
 */
export interface GraphRpcRequest<A> {
  /** Null only for operations that are public over REST too (sign-up). */
  principal: Principal | null;
  args: A;
}

/** A page of a list, as the services' REST lists answer it. */
export interface GraphPage<T> {
  items: T[];
  pagination: Pagination;
}

interface PageArgs {
  page: number;
  limit: number;
}

/** Arguments and reply of each subject; `args` are validated again by the service. */
export interface GraphRpcContract {
  [GraphRpcSubject.registryApis]: {
    args: PageArgs & { status?: string; tag?: string; search?: string };
    reply: GraphPage<RegistryApi>;
  };
  [GraphRpcSubject.registryApi]: { args: { api: string }; reply: RegistryApi };
  [GraphRpcSubject.registryVersionsByApi]: {
    args: { apiIds: string[] };
    /** Keyed by API id; versions oldest first, each with its routes. */
    reply: Record<string, RegistryApiVersion[]>;
  };
  [GraphRpcSubject.registryServices]: { args: Record<string, never>; reply: ServiceCatalogue };
  [GraphRpcSubject.registryAudit]: {
    args: PageArgs & { entity?: string; actor?: string; since?: string };
    reply: GraphPage<RegistryAuditEntry>;
  };
  [GraphRpcSubject.registryCreateApi]: {
    args: { name: string; title: string; description?: string; tags?: string[]; owner?: string };
    reply: RegistryApi;
  };
  [GraphRpcSubject.registryCreateVersion]: {
    /** `input` is a CreateApiVersion body, as REST takes it. */
    args: { api: string; input: unknown };
    reply: RegistryApiVersion;
  };
  [GraphRpcSubject.registryPublishVersion]: {
    args: { api: string; version: string };
    reply: RegistryApiVersion;
  };
  [GraphRpcSubject.registryDeprecateVersion]: {
    args: { api: string; version: string; sunsetAt: string; successorVersion?: string };
    reply: RegistryApiVersion;
  };
  [GraphRpcSubject.registryRetireVersion]: {
    args: { api: string; version: string };
    reply: RegistryApiVersion;
  };
  [GraphRpcSubject.registryImportOpenApi]: {
    /** `document`: an OpenAPI 3.x document (object, or JSON/YAML text); the rest as REST's query. */
    args: {
      document: unknown;
      name?: string;
      version?: string;
      basePath?: string;
      upstreamService?: string;
      upstreamUrl?: string;
    };
    reply: ImportOpenApiResult;
  };

  [GraphRpcSubject.consumers]: {
    args: PageArgs & { status?: string };
    reply: GraphPage<ConsumerView>;
  };
  [GraphRpcSubject.consumer]: { args: { id: string }; reply: ConsumerView };
  [GraphRpcSubject.keysByConsumer]: {
    args: { consumerIds: string[] };
    /** Keyed by consumer id; consumers the caller may not see are absent. Newest first. */
    reply: Record<string, ApiKeyView[]>;
  };
  [GraphRpcSubject.subscriptionsByConsumer]: {
    args: { consumerIds: string[] };
    reply: Record<string, SubscriptionView[]>;
  };
  [GraphRpcSubject.plansById]: {
    args: { planIds: string[] };
    /** Keyed by plan id; unknown ids are absent. */
    reply: Record<string, PlanView>;
  };
  [GraphRpcSubject.signUpConsumer]: {
    /** `input` is a ConsumerSignUp body. */
    args: { input: unknown };
    reply: { consumer: ConsumerView; key: CreatedApiKey };
  };
  [GraphRpcSubject.approveConsumer]: { args: { id: string; planId?: string }; reply: ConsumerView };
  [GraphRpcSubject.rejectConsumer]: { args: { id: string; reason: string }; reply: ConsumerView };
  [GraphRpcSubject.createApiKey]: {
    /** `input` is a CreateApiKey body; `consumerId` absent = a key for the caller itself. */
    args: { consumerId?: string; input: unknown };
    reply: CreatedApiKey;
  };
  [GraphRpcSubject.revokeApiKey]: {
    args: { consumerId?: string; keyId: string };
    reply: ApiKeyView;
  };
  [GraphRpcSubject.rotateApiKey]: {
    args: { consumerId?: string; keyId: string; gracePeriodSeconds?: number };
    reply: RotatedApiKey;
  };

  [GraphRpcSubject.webhookEndpoints]: { args: PageArgs; reply: GraphPage<WebhookEndpoint> };
  [GraphRpcSubject.webhookMessages]: {
    args: PageArgs & { eventType?: string; endpointId?: string; status?: string; since?: string };
    reply: GraphPage<WebhookMessage>;
  };
  [GraphRpcSubject.webhookAttemptsByMessage]: {
    args: { messageIds: string[] };
    /** Keyed by message id, oldest first; messages the caller may not see are absent. */
    reply: Record<string, WebhookAttempt[]>;
  };
  [GraphRpcSubject.webhookAttemptsSince]: {
    args: { endpointId: string; since: string };
    reply: WebhookAttempt[];
  };
  [GraphRpcSubject.createWebhookEndpoint]: {
    /** `input` is a CreateWebhookEndpoint body; the answer holds the signing secret, once. */
    args: { input: unknown };
    reply: WebhookEndpoint;
  };
  [GraphRpcSubject.recoverWebhookEndpoint]: {
    args: { id: string; since: string; until?: string };
    reply: { recovered: number; more: boolean };
  };
  [GraphRpcSubject.resendWebhookMessage]: {
    args: { messageId: string; endpointId: string };
    reply: WebhookDelivery;
  };

  [GraphRpcSubject.connectors]: { args: PageArgs; reply: GraphPage<ConnectionView> };
  [GraphRpcSubject.connectorRuns]: {
    args: PageArgs & { connectorId: string };
    reply: GraphPage<RunView>;
  };
  [GraphRpcSubject.connectorRun]: { args: { runId: string }; reply: RunView };
  [GraphRpcSubject.connectorErrorSummary]: {
    args: { connectorId: string };
    reply: ConnectionHealthView;
  };
  [GraphRpcSubject.createConnection]: {
    /** `input` is a CreateConnection body; credentials are stored encrypted, never returned. */
    args: { input: unknown };
    reply: ConnectionView;
  };
  [GraphRpcSubject.triggerRun]: { args: { connectorId: string }; reply: RunView };

  [GraphRpcSubject.analyticsMetrics]: {
    /** An AnalyticsMetricsQuery, as `GET /api/v1/metrics` takes it. */
    args: { timeRange?: string; service?: string; api?: string; consumer?: string };
    reply: AnalyticsMetricsReport;
  };
}

export type GraphRpcArgs<S extends keyof GraphRpcContract> = GraphRpcContract[S]['args'];
export type GraphRpcReply<S extends keyof GraphRpcContract> = GraphRpcContract[S]['reply'];

/** The part of the messaging client a service needs to answer these subjects. */
export interface GraphRpcResponder {
  handle<Req, Res>(subject: string, handler: (req: Req) => Promise<Res>): { ready: Promise<void> };
}

/**
 * Answers one GraphQL subject: checks the envelope and the caller's role (as the REST route's
 * `@Roles` does) before handing the still-unvalidated `args` to `fn`, which parses them with the
 * REST schemas. Resolves once the subscription is registered.
 */
export async function answerGraphRpc<S extends keyof GraphRpcContract>(
  responder: GraphRpcResponder,
  subject: S,
  roles: readonly Role[],
  fn: (principal: Principal, args: Record<string, unknown>) => Promise<GraphRpcReply<S>>,
): Promise<void> {
  const handler = responder.handle<unknown, GraphRpcReply<S>>(subject, async (body) => {
    const { principal, args } = parseGraphRpcRequest(body);
    if (!principal) throw PorticoError.unauthorized();
    if (!roles.includes(principal.role)) {
      throw PorticoError.forbidden(`This operation needs one of the roles: ${roles.join(', ')}.`);
    }
    return fn(principal, args);
  });
  await handler.ready;
}

export function parseGraphRpcRequest(body: unknown): GraphRpcRequest<Record<string, unknown>> {
  const parsed = GraphRpcRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new PorticoError(ErrorCode.MALFORMED_REQUEST, 'Not a GraphQL request-reply body.');
  }
  return parsed.data;
}

/** Like answerGraphRpc, for the few operations that need no caller (as `@Public()` over REST). */
export async function answerPublicGraphRpc<S extends keyof GraphRpcContract>(
  responder: GraphRpcResponder,
  subject: S,
  fn: (args: Record<string, unknown>) => Promise<GraphRpcReply<S>>,
): Promise<void> {
  const handler = responder.handle<unknown, GraphRpcReply<S>>(subject, async (body) =>
    fn(parseGraphRpcRequest(body).args),
  );
  await handler.ready;
}

const GraphRpcRequestSchema = z.object({
  principal: PrincipalSchema.nullable(),
  args: z.record(z.string(), z.unknown()).default({}),
});
