import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ErrorCode, PolicySet, RequestEvent, Upstream } from '@portico/contracts';

/**
 * The seams of the gateway's hot path. The data plane (dataplane/) matches a route and runs the
 * fixed chain: IP filter and authentication (auth/), rate limit and quota (limits/), cache
 * (cache/), proxy, then one request event (events/). Each stage is a provider bound to one of the
 * tokens below, so each can be built and tested on its own.
 *
 * Stages may answer synchronously: the data plane only awaits a Promise when it gets one, which
 * keeps in-memory decisions off the microtask queue.
 */
export type MaybePromise<T> = T | Promise<T>;

/** The route a request matched, as the compiled table gives it. */
export interface MatchedRoute {
  tenantId: string;
  apiId: string;
  apiName: string;
  version: string;
  versionId: string;
  versionStatus: 'published' | 'deprecated' | 'retired';
  routeId: string;
  /** The route's method, or ANY. */
  method: string;
  /** The public path template, e.g. `/v1/counting/cameras/{id}`. */
  pathTemplate: string;
  params: Record<string, string>;
  /** Effective policies (version's overridden by route's). */
  policies: PolicySet;
}

export interface GatewayRequest {
  requestId: string;
  method: string;
  /** The request path without its query string. */
  path: string;
  /** Raw query string without the leading `?` ('' when there is none). */
  query: string;
  headers: IncomingHttpHeaders;
  clientIp: string;
  route: MatchedRoute;
  /** performance.now() when the request arrived. */
  receivedAt: number;
}

/** Who called, once authenticated. Anonymous callers (auth `none`) have no identity. */
export interface CallerIdentity {
  tenantId: string;
  consumerId: string | null;
  keyId: string | null;
  scopes: string[];
  planId: string | null;
  rateLimitPerMinute: number | null;
  quotaPerMonth: number | null;
  via: 'apiKey' | 'jwt' | 'oauth2';
}

export interface StageRefusal {
  status: number;
  code: ErrorCode;
  message: string;
  /** Extra response headers (WWW-Authenticate, Retry-After, RateLimit-*). */
  headers?: Record<string, string>;
}

export type AuthResult =
  { ok: true; identity: CallerIdentity | null } | ({ ok: false } & StageRefusal);

/** IP allow/deny, authentication and authorisation (scopes, subscription, allowed APIs/IPs). */
export interface Authenticator {
  authenticate(req: GatewayRequest): MaybePromise<AuthResult>;
}

export type LimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | ({ allowed: false } & StageRefusal & { headers: Record<string, string> });

/** Rate limit and quota for one request; `headers` go on the response either way. */
export interface RequestLimiter {
  check(req: GatewayRequest, identity: CallerIdentity | null): MaybePromise<LimitDecision>;
}

export interface CachedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string;
  /** Date.now() when stored; the entry is fresh until expiresAt. */
  storedAt: number;
  expiresAt: number;
}

export type CacheLookup =
  { cacheable: false } | { cacheable: true; key: string; hit: CachedResponse | null };

/** Per-route response cache (GET/HEAD with a cache policy). */
export interface ResponseCache {
  lookup(req: GatewayRequest, identity: CallerIdentity | null): CacheLookup;
  /** Stores an upstream answer if its status and Cache-Control allow; returns what was stored. */
  store(
    key: string,
    req: GatewayRequest,
    status: number,
    headers: Record<string, string | string[]>,
    body: Buffer,
  ): CachedResponse | null;
  /** True when the request's If-None-Match matches the entry (answer 304). */
  notModified(req: GatewayRequest, entry: CachedResponse): boolean;
  purgeApi(apiId: string): number;
  purgeAll(): number;
}

/** One event per request, handed off without waiting (bounded buffer, batched publish). */
export interface RequestEventSink {
  record(event: RequestEvent): void;
}

export const AUTHENTICATOR = Symbol.for('portico:gateway:authenticator');
export const REQUEST_LIMITER = Symbol.for('portico:gateway:request-limiter');
export const RESPONSE_CACHE = Symbol.for('portico:gateway:response-cache');
export const REQUEST_EVENT_SINK = Symbol.for('portico:gateway:request-event-sink');

/** What the data plane asks an upstream (upstreams/ picks the instance, retries, breaks circuits). */
export interface UpstreamRequest {
  method: string;
  /** Path and query string the upstream receives. */
  path: string;
  headers: Record<string, string | string[]>;
  /** The request body, already bounded by the size limit; null when there is none. */
  body: Buffer | null;
  /** Per attempt. */
  timeoutMs: number;
  /**
   * Total attempts, each on another instance. Idempotent methods retry on any upstream failure;
   * others only when nothing was sent (connection refused, circuit open).
   */
  maxAttempts: number;
  circuitBreaker: { consecutiveFailures: number; halfOpenAfterMs: number };
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The response body as it streams in (undici's body); consume or destroy it. */
  body: Readable;
  /** `host:port` of the instance that answered. */
  instance: string;
  /** Milliseconds until the upstream's headers arrived (last attempt). */
  latencyMs: number;
}

export interface UpstreamInstanceHealth {
  upstream: string;
  instance: string;
  healthy: boolean;
  circuit: 'closed' | 'open' | 'half-open';
  inFlight: number;
}

/** Thrown by UpstreamRouter.send when nothing could serve the request. */
export class UpstreamError extends Error {
  constructor(
    readonly code: 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_TIMEOUT',
    message: string,
    readonly instance: string | null = null,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/**
 * Upstream selection (discovery or explicit targets), load balancing, passive/active health and
 * resilience (timeout, retries on another instance, breaker per instance), over pooled keep-alive
 * connections. An `Upstream` (from the snapshot, or `{ service: 'registry' }` for the suite's own
 * management APIs) identifies a set of instances; sets are kept while referenced.
 */
export interface UpstreamRouter {
  send(upstream: Upstream, req: UpstreamRequest): Promise<UpstreamResponse>;
  /** Called with every snapshot's upstreams: sets no longer referenced are closed. */
  retain(upstreams: Upstream[]): void;
  health(): UpstreamInstanceHealth[];
}

export const UPSTREAM_ROUTER = Symbol.for('portico:gateway:upstream-router');
