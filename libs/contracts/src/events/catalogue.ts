import { z } from 'zod';

/**
 * Every domain event type Portico emits, with the JSON shape of its `data`. This is the contract
 * between producers, the webhook dispatcher (integrators subscribe to these types) and the docs
 * (the event catalogue is generated from here). A producer may add fields; it never removes one.
 */
const ApiRef = {
  apiId: z.string(),
  name: z.string(),
};
const VersionRef = {
  ...ApiRef,
  versionId: z.string(),
  version: z.string(),
};
const ConsumerRef = {
  consumerId: z.string(),
  name: z.string(),
  email: z.string().optional(),
};
const KeyRef = {
  keyId: z.string(),
  consumerId: z.string(),
  prefix: z.string(),
};
const UserKeyRef = {
  keyId: z.string(),
  userId: z.string(),
  prefix: z.string(),
};
const UserRef = {
  userId: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.string(),
};
const PlanRef = {
  planId: z.string(),
  name: z.string(),
};
const SubscriptionRef = {
  subscriptionId: z.string(),
  consumerId: z.string(),
  apiId: z.string(),
  apiVersionId: z.string(),
  planId: z.string(),
};
const OAuthClientRef = {
  clientId: z.string(),
  consumerId: z.string(),
  name: z.string(),
};
const RunRef = {
  runId: z.string(),
  connectionId: z.string(),
  trigger: z.enum(['manual', 'schedule', 'resume']),
};

function def<T extends z.ZodType>(description: string, data: T) {
  return { description, data };
}

export const EventCatalogue = {
  // registry
  'registry.api.created': def('An API was registered.', z.object({ ...ApiRef, title: z.string() })),
  'registry.api.updated': def(
    "An API's metadata changed.",
    z.object({ ...ApiRef, changes: z.array(z.string()) }),
  ),
  'registry.api.deleted': def('An API and all its versions were removed.', z.object(ApiRef)),
  'registry.version.created': def('A draft version of an API was created.', z.object(VersionRef)),
  'registry.version.published': def(
    'A version went live on the gateway.',
    z.object({ ...VersionRef, basePath: z.string() }),
  ),
  'registry.version.deprecated': def(
    'A version was deprecated; it keeps serving with Deprecation and Sunset headers.',
    z.object({
      ...VersionRef,
      sunsetAt: z.string(),
      successorVersion: z.string().nullable(),
    }),
  ),
  'registry.version.retired': def(
    'A version was retired; the gateway answers 410 Gone.',
    z.object({ ...VersionRef, successorVersion: z.string().nullable() }),
  ),
  'registry.version.updated': def(
    "A version's upstream, policies or base path changed.",
    z.object({ ...VersionRef, changes: z.array(z.string()) }),
  ),
  'registry.version.deleted': def('A draft or retired version was removed.', z.object(VersionRef)),
  'registry.route.changed': def(
    'Routes or policies of a version changed.',
    z.object({ ...VersionRef, routeIds: z.array(z.string()) }),
  ),
  // consumer management
  'consumer.created': def(
    'A consumer signed up or was created by an admin.',
    z.object({ ...ConsumerRef, status: z.string() }),
  ),
  'consumer.approved': def(
    'A consumer was approved (or re-approved after a suspension); its credentials work.',
    z.object({ ...ConsumerRef, previousStatus: z.string().optional() }),
  ),
  'consumer.rejected': def(
    'A consumer was rejected.',
    z.object({ ...ConsumerRef, reason: z.string() }),
  ),
  'consumer.suspended': def(
    'A consumer was suspended; its credentials stop working.',
    z.object({ ...ConsumerRef, reason: z.string().optional() }),
  ),
  'consumer.key.created': def('An API key was created.', z.object(KeyRef)),
  'consumer.key.revoked': def('An API key was revoked.', z.object(KeyRef)),
  'consumer.key.rotated': def(
    'An API key was rotated; the old key works until graceUntil.',
    z.object({ ...KeyRef, newKeyId: z.string(), graceUntil: z.string() }),
  ),
  'consumer.updated': def(
    "A consumer's details or plan changed.",
    z.object({ ...ConsumerRef, changes: z.array(z.string()), planId: z.string().nullable() }),
  ),
  'consumer.user.key.created': def("An admin user's API key was created.", z.object(UserKeyRef)),
  'consumer.user.key.revoked': def("An admin user's API key was revoked.", z.object(UserKeyRef)),
  'consumer.user.key.rotated': def(
    "An admin user's API key was rotated; the old key works until graceUntil.",
    z.object({ ...UserKeyRef, newKeyId: z.string(), graceUntil: z.string() }),
  ),
  'consumer.user.created': def('An admin user was added to a tenant.', z.object(UserRef)),
  'consumer.user.updated': def(
    "An admin user's role or status changed.",
    z.object({ ...UserRef, changes: z.array(z.string()) }),
  ),
  'consumer.tenant.created': def(
    'A tenant was created.',
    z.object({ tenantId: z.string(), name: z.string(), slug: z.string() }),
  ),
  'consumer.tenant.updated': def(
    "A tenant changed (a suspended tenant's credentials stop working).",
    z.object({
      tenantId: z.string(),
      name: z.string(),
      status: z.string(),
      changes: z.array(z.string()),
    }),
  ),
  'consumer.plan.created': def('A plan was created.', z.object(PlanRef)),
  'consumer.plan.updated': def(
    "A plan's limits or rules changed.",
    z.object({ ...PlanRef, changes: z.array(z.string()) }),
  ),
  'consumer.plan.archived': def('A plan was archived.', z.object(PlanRef)),
  'consumer.subscription.created': def(
    'A consumer subscribed to an API version (status pending or approved).',
    z.object({ ...SubscriptionRef, status: z.string() }),
  ),
  'consumer.subscription.approved': def('A subscription was approved.', z.object(SubscriptionRef)),
  'consumer.subscription.rejected': def(
    'A subscription was rejected.',
    z.object({ ...SubscriptionRef, reason: z.string() }),
  ),
  'consumer.subscription.cancelled': def(
    'A subscription was cancelled.',
    z.object(SubscriptionRef),
  ),
  'consumer.oauth_client.created': def('An OAuth client was registered.', z.object(OAuthClientRef)),
  'consumer.oauth_client.revoked': def(
    'An OAuth client was revoked; its tokens stop working.',
    z.object(OAuthClientRef),
  ),
  'consumer.token.revoked': def(
    'An access token was revoked before it expired (RFC 7009).',
    z.object({ jti: z.string(), clientId: z.string(), expiresAt: z.string() }),
  ),
  // analytics
  'analytics.alert.triggered': def(
    'An alert rule crossed its threshold.',
    z.object({
      alertId: z.string(),
      name: z.string(),
      metric: z.string(),
      value: z.number(),
      threshold: z.number(),
      scope: z.record(z.string(), z.string()),
    }),
  ),
  'analytics.alert.resolved': def(
    'An alert rule went back under its threshold.',
    z.object({
      alertId: z.string(),
      name: z.string(),
      metric: z.string(),
      value: z.number(),
      threshold: z.number(),
      scope: z.record(z.string(), z.string()),
    }),
  ),
  'analytics.usage.threshold_reached': def(
    "A consumer used a share (80% or 100%) of its plan's monthly quota.",
    z.object({
      consumerId: z.string(),
      period: z.string(),
      used: z.number(),
      quota: z.number(),
      threshold: z.number(),
      /** The consumer's plan as the gateway reported it with the request that crossed. */
      planId: z.string().nullable(),
    }),
  ),
  // webhooks
  'webhook.message.exhausted': def(
    'A message could not be delivered to an endpoint after every retry.',
    z.object({
      messageId: z.string(),
      endpointId: z.string(),
      eventType: z.string(),
      attempts: z.number(),
    }),
  ),
  'webhook.endpoint.disabled': def(
    'An endpoint was disabled (failing for too long, or it answered 410 Gone).',
    z.object({ endpointId: z.string(), url: z.string(), reason: z.string() }),
  ),
  // connectors
  'connector.run.started': def('A sync run started.', z.object(RunRef)),
  'connector.run.completed': def(
    'A sync run finished.',
    z.object({
      ...RunRef,
      recordsRead: z.number(),
      recordsWritten: z.number(),
      durationMs: z.number(),
    }),
  ),
  'connector.run.failed': def(
    'A sync run failed; committed batches stay, the next run resumes from the saved state.',
    z.object({ ...RunRef, error: z.string(), recordsWritten: z.number() }),
  ),
} as const;

export type EventType = keyof typeof EventCatalogue;
export type EventData<T extends EventType> = z.infer<(typeof EventCatalogue)[T]['data']>;

export const EVENT_TYPES = Object.keys(EventCatalogue) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventCatalogue, type);
}

/** The catalogue as JSON Schema, for the docs and the webhook dispatcher's event-type listing. */
export function eventCatalogueJsonSchema(): Array<{
  type: EventType;
  description: string;
  schema: Record<string, unknown>;
}> {
  return EVENT_TYPES.map((type) => ({
    type,
    description: EventCatalogue[type].description,
    schema: z.toJSONSchema(EventCatalogue[type].data) as Record<string, unknown>,
  }));
}
