/** JetStream streams every service provisions idempotently at start. */
export const Streams = {
  events: {
    name: 'PORTICO_EVENTS',
    subjects: ['portico.events.>'],
    /** JetStream drops a second publish with the same Nats-Msg-Id inside this window. */
    duplicateWindowMs: 10 * 60_000,
  },
  traffic: {
    name: 'PORTICO_TRAFFIC',
    subjects: ['portico.traffic.>'],
    duplicateWindowMs: 2 * 60_000,
  },
} as const;

/** Gateway request events are published per tenant: `portico.traffic.<tenantId>`. */
export function trafficSubject(tenantId: string): string {
  return `portico.traffic.${tenantId || 'anonymous'}`;
}

/**
 * NATS request-reply subjects (core NATS, not JetStream): synchronous questions between services.
 * The owning service answers; everything sent is a JSON body, answers are `RpcReply<T>`.
 */
export const RpcSubject = {
  /** consumer-management: verify an API key or OAuth client id for the gateway. */
  credentialsVerify: 'consumer.credentials.verify',
  /** consumer-management: RFC 7662 introspection of an access token ({ token } -> TokenIntrospection). */
  tokenIntrospect: 'consumer.token.introspect',
  /** registry: the compiled route table snapshot (request `{}`, reply RouteSnapshot). */
  registrySnapshot: 'registry.snapshot.get',
  /** analytics: health of each API over the last hour (ApiHealthRequest -> ApiHealthReport). */
  analyticsApiHealth: 'analytics.apis.health',
} as const;

/** Every request-reply answer: either data or an error in our codes. */
export type RpcReply<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: unknown[] } };
