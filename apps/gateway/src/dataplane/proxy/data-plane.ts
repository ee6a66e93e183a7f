import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ErrorCode } from '@portico/contracts';
import type { Log } from '../logger';
import {
  UpstreamError,
  type AuthResult,
  type Authenticator,
  type LimitDecision,
  type RequestEventSink,
  type RequestLimiter,
  type ResponseCache,
  type UpstreamRouter,
} from '../../pipeline/contracts';
import { applyHeaderOps } from '../routing/compiled-route';
import type { RouteTableStore } from '../routing/route-table.store';
import type { DataPlaneMetrics } from './dataplane-metrics';
import { Exchange } from './exchange';
import { corsPreflightHeaders, corsResponseHeaders, forwardRequestHeaders } from './http-headers';
import { acceptRequestId, continueTraceparent } from './ids';
import { isGatewayOwnPath, matchManagement } from './management-routes';
import { readBoundedBody } from './request-body';
import { Responder } from './responder';

export interface DataPlaneStages {
  authenticator?: Authenticator | undefined;
  limiter?: RequestLimiter | undefined;
  cache?: ResponseCache | undefined;
  events?: RequestEventSink | undefined;
  router?: UpstreamRouter | undefined;
}

export interface DataPlaneOptions {
  trustProxy: boolean;
  compressionMinBytes: number;
  bodyLimitBytes: number;
  timeoutMs: number;
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function paramsObject(flat: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) o[flat[i]!] = flat[i + 1]!;
  return o;
}

/**
 * The hot path: one request through match, version status, CORS, size limit, authentication, rate
 * limit, cache, transforms, upstream, compression, then exactly one request event. Stages that
 * answer synchronously are not awaited; every step takes the Exchange and decides the next.
 */
export class DataPlane {
  constructor(
    private readonly store: RouteTableStore,
    private readonly stages: DataPlaneStages,
    private readonly metrics: DataPlaneMetrics,
    private readonly logger: Log,
    private readonly opts: DataPlaneOptions,
  ) {
    this.out = new Responder(stages.cache, logger, opts.compressionMinBytes);
  }

  private readonly out: Responder;

  /** False when the request belongs to the gateway's own Nest app (the caller passes it on). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q < 0 ? url : url.slice(0, q);
    if (isGatewayOwnPath(path)) return false;
    // The compiled table counts characters of the canonical path when stripping its prefix.
    if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
    const now = Date.now();
    const x = new Exchange(
      acceptRequestId(req.headers['x-request-id'], now),
      continueTraceparent(req.headers['traceparent']),
      req.method ?? 'GET',
      path,
      q < 0 ? '' : url.slice(q + 1),
      this.clientIp(req),
      performance.now(),
      now,
    );
    res.once('close', () => this.finish(x, res));
    try {
      this.start(x, req, res);
    } catch (err) {
      this.out.internal(x, res, err);
    }
    return true;
  }

  /**
   * Steps continued from a callback or a Promise: a bug there must become a 500 for this request,
   * never an uncaught exception or an unhandled rejection.
   */
  private guard(x: Exchange, res: ServerResponse, step: () => void): void {
    try {
      step();
    } catch (err) {
      this.out.internal(x, res, err);
    }
  }

  private clientIp(req: IncomingMessage): string {
    if (this.opts.trustProxy) {
      const xff = req.headers['x-forwarded-for'];
      const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return req.socket.remoteAddress ?? '';
  }

  private start(x: Exchange, req: IncomingMessage, res: ServerResponse): void {
    const management = matchManagement(x.path);
    if (management) {
      x.management = management;
      if (this.tooLarge(x, req, res, this.opts.bodyLimitBytes)) return;
      this.readBody(x, req, res, this.opts.bodyLimitBytes);
      return;
    }
    if (!this.store.ready) {
      this.out.refuse(
        x,
        res,
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        'The gateway has not loaded its route table yet.',
      );
      return;
    }
    const origin = req.headers.origin;
    const acrm = req.headers['access-control-request-method'];
    const preflight = x.method === 'OPTIONS' && origin !== undefined && typeof acrm === 'string';
    const header = req.headers['api-version'];
    const apiVersion = typeof header === 'string' ? header : undefined;
    const table = this.store.current();
    let m = table.match(preflight ? acrm.toUpperCase() : x.method, x.path, apiVersion);
    // A preflight to a route without CORS is an ordinary OPTIONS request.
    if (preflight && (m.kind !== 'route' || !m.route.cors)) {
      m = table.match(x.method, x.path, apiVersion);
    }
    if (m.kind === 'none') {
      this.out.refuse(x, res, 404, ErrorCode.NOT_FOUND, `No route matches ${x.method} ${x.path}.`);
      return;
    }
    if (m.kind === 'method') {
      this.out.refuse(
        x,
        res,
        405,
        ErrorCode.METHOD_NOT_ALLOWED,
        `${x.method} is not allowed on ${x.path}.`,
        {
          allow: m.table.allow(),
        },
      );
      return;
    }
    const route = m.route;
    x.route = route;
    x.versionInUrl = m.versionInUrl;
    x.matched = { ...route.base, params: paramsObject(m.params) };
    if (route.retired) {
      const { successor, link } = route.retired;
      const b = route.base;
      this.out.refuse(
        x,
        res,
        410,
        ErrorCode.GONE,
        `${b.apiName} ${b.version} is retired${successor ? `; use ${successor} instead` : ''}.`,
        link ? { link: `<${link}>; rel="successor-version"` } : undefined,
        successor
          ? [{ message: `successor version: ${successor}`, successorVersion: successor, link }]
          : [],
      );
      return;
    }
    if (route.cors && origin !== undefined) {
      if (preflight && m.route.base.method !== 'OPTIONS') {
        this.out.answerPreflight(
          x,
          res,
          corsPreflightHeaders(route.cors, origin, acrm.toUpperCase()),
        );
        return;
      }
      x.corsHeaders = corsResponseHeaders(route.cors, origin);
    }
    if (this.tooLarge(x, req, res, route.sizeLimit)) return;
    x.gw = {
      requestId: x.requestId,
      method: x.method,
      path: x.path,
      query: x.query,
      headers: req.headers,
      clientIp: x.clientIp,
      route: x.matched,
      receivedAt: x.receivedAt,
    };
    const auth = this.stages.authenticator;
    if (!auth) {
      this.afterAuth(x, req, res, null);
      return;
    }
    const result = auth.authenticate(x.gw);
    if (isPromise(result)) {
      result.then(
        (r) => this.guard(x, res, () => this.afterAuth(x, req, res, r)),
        (err: unknown) => this.out.internal(x, res, err),
      );
    } else this.afterAuth(x, req, res, result);
  }

  private afterAuth(
    x: Exchange,
    req: IncomingMessage,
    res: ServerResponse,
    r: AuthResult | null,
  ): void {
    if (r && !r.ok) {
      this.out.refuse(x, res, r.status, r.code, r.message, r.headers);
      return;
    }
    x.identity = r ? r.identity : null;
    const limiter = this.stages.limiter;
    if (!limiter) {
      this.afterLimit(x, req, res, null);
      return;
    }
    const d = limiter.check(x.gw!, x.identity);
    if (isPromise(d)) {
      d.then(
        (v) => this.guard(x, res, () => this.afterLimit(x, req, res, v)),
        (err: unknown) => this.out.internal(x, res, err),
      );
    } else this.afterLimit(x, req, res, d);
  }

  private afterLimit(
    x: Exchange,
    req: IncomingMessage,
    res: ServerResponse,
    d: LimitDecision | null,
  ): void {
    if (d) {
      x.limitHeaders = d.headers;
      if (!d.allowed) {
        this.out.refuse(x, res, d.status, d.code, d.message, d.headers);
        return;
      }
    }
    const cache = this.stages.cache;
    if (cache && x.route!.cacheable) {
      const lookup = cache.lookup(x.gw!, x.identity);
      if (!lookup.cacheable) x.cacheStatus = 'BYPASS';
      else if (lookup.hit) {
        x.cacheStatus = 'HIT';
        this.out.serveCached(x, req, res, cache, lookup.hit);
        return;
      } else {
        x.cacheStatus = 'MISS';
        x.cacheKey = lookup.key;
      }
    }
    this.readBody(x, req, res, x.route!.sizeLimit);
  }

  /** 413 up front when Content-Length already says so. */
  private tooLarge(x: Exchange, req: IncomingMessage, res: ServerResponse, limit: number): boolean {
    const cl = req.headers['content-length'];
    if (cl === undefined || Number(cl) <= limit) return false;
    this.refuseBody(x, res, limit);
    return true;
  }

  private refuseBody(x: Exchange, res: ServerResponse, limit: number): void {
    // The body is left unread: close the connection instead of reading it to reuse the socket.
    this.out.refuse(
      x,
      res,
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The request body exceeds ${limit} bytes.`,
      {
        connection: 'close',
      },
    );
  }

  private readBody(x: Exchange, req: IncomingMessage, res: ServerResponse, limit: number): void {
    readBoundedBody(
      req,
      limit,
      (body, size) => {
        x.bytesIn = size;
        this.guard(x, res, () => this.forward(x, req, res, body));
      },
      (size) => {
        x.bytesIn = size;
        this.refuseBody(x, res, limit);
      },
    );
  }

  private forward(
    x: Exchange,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | null,
  ): void {
    const router = this.stages.router;
    if (!router) {
      this.out.refuse(
        x,
        res,
        503,
        ErrorCode.UPSTREAM_UNAVAILABLE,
        'No upstream router is configured.',
      );
      return;
    }
    const headers = forwardRequestHeaders(
      req.headers,
      x.requestId,
      x.traceparent,
      x.clientIp,
      this.opts.trustProxy,
    );
    const route = x.route;
    let path: string;
    let timeoutMs = this.opts.timeoutMs;
    let attempts = 3;
    let breaker = DEFAULT_BREAKER;
    if (route) {
      if (route.requestHeaders) applyHeaderOps(headers, route.requestHeaders);
      const rest = x.path.slice(
        x.versionInUrl ? route.strip.withVersion : route.strip.withoutVersion,
      );
      path = route.upstreamPrefix + rest || '/';
      timeoutMs = route.timeoutMs;
      attempts = route.idempotentAttempts;
      breaker = route.breaker;
    } else path = x.path;
    if (x.query) path += `?${x.query}`;
    const upstream = route ? route.upstream : x.management!.upstream;
    router
      .send(upstream, {
        method: x.method,
        path,
        headers,
        body,
        timeoutMs,
        // The router retries a non-idempotent request only when nothing reached the upstream.
        maxAttempts: attempts,
        circuitBreaker: breaker,
      })
      .then(
        (r) => this.guard(x, res, () => this.out.respond(x, req, res, r)),
        (err: unknown) => this.guard(x, res, () => this.upstreamFailed(x, res, err)),
      );
  }

  private upstreamFailed(x: Exchange, res: ServerResponse, err: unknown): void {
    if (err instanceof UpstreamError) {
      x.upstreamInstance = err.instance;
      const timeout = err.code === 'UPSTREAM_TIMEOUT';
      this.out.refuse(x, res, timeout ? 504 : 503, err.code, err.message);
      return;
    }
    this.logger.warn({ err, requestId: x.requestId }, 'upstream call failed');
    this.out.refuse(
      x,
      res,
      503,
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'The upstream could not be reached.',
    );
  }

  private finish(x: Exchange, res: ServerResponse): void {
    if (x.finished) return;
    x.finished = true;
    if (x.source !== null && !x.source.readableEnded) x.source.destroy();
    if (!res.writableFinished) {
      x.errorCode ??= 'CLIENT_CLOSED_REQUEST';
      if (x.status === 0) x.status = 499;
    }
    const total = performance.now() - x.receivedAt;
    const m = x.matched;
    const upstream = x.upstreamLatencyMs;
    try {
      this.metrics.record(
        m?.apiName ?? x.management?.service ?? 'none',
        m?.routeId ?? x.management?.template ?? 'unmatched',
        x.method,
        x.status,
        x.identity?.consumerId ?? 'anonymous',
        upstream,
        upstream === null ? total : Math.max(0, total - upstream),
      );
      this.stages.events?.record(x.toEvent(total));
    } catch (err) {
      this.logger.error({ err, requestId: x.requestId }, 'recording the request failed');
    }
  }
}

const DEFAULT_BREAKER = { consecutiveFailures: 5, halfOpenAfterMs: 60_000 };
