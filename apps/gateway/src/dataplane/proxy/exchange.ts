import type { Readable } from 'node:stream';
import type { RequestEvent } from '@portico/contracts';
import type { CallerIdentity, GatewayRequest, MatchedRoute } from '../../pipeline/contracts';
import type { CompiledRoute } from '../routing/compiled-route';
import type { ManagementRoute } from './management-routes';

/**
 * Everything one request accumulates on its way through the chain. A class with every field set in
 * the constructor keeps one hidden class for all requests (cheap property access on the hot path).
 */
export class Exchange {
  route: CompiledRoute | null = null;
  matched: MatchedRoute | null = null;
  management: ManagementRoute | null = null;
  gw: GatewayRequest | null = null;
  identity: CallerIdentity | null = null;
  limitHeaders: Record<string, string> | null = null;
  /** Access-Control-* headers for this request's origin (actual requests, not preflight). */
  corsHeaders: Array<[string, string]> | null = null;
  cacheStatus: 'HIT' | 'MISS' | 'BYPASS' | null = null;
  cacheKey: string | null = null;
  /** The route's path with the public version and base path stripped. */
  versionInUrl = false;
  upstreamInstance: string | null = null;
  upstreamLatencyMs: number | null = null;
  bytesIn = 0;
  bytesOut = 0;
  status = 0;
  errorCode: string | null = null;
  finished = false;
  /** The upstream body being relayed, destroyed if the client leaves first. */
  source: Readable | null = null;

  constructor(
    readonly requestId: string,
    readonly traceparent: string,
    readonly method: string,
    readonly path: string,
    readonly query: string,
    readonly clientIp: string,
    /** performance.now() at arrival. */
    readonly receivedAt: number,
    /** Date.now() at arrival. */
    readonly receivedAtWall: number,
  ) {}

  toEvent(totalMs: number): RequestEvent {
    const m = this.matched;
    const id = this.identity;
    const upstream = this.upstreamLatencyMs;
    return {
      requestId: this.requestId,
      time: isoTime(this.receivedAtWall),
      tenantId: m?.tenantId ?? id?.tenantId ?? '',
      apiId: m?.apiId ?? null,
      apiName: m?.apiName ?? this.management?.service ?? null,
      version: m?.version ?? null,
      routeId: m?.routeId ?? null,
      method: this.method,
      pathTemplate: m?.pathTemplate ?? this.management?.template ?? null,
      path: this.path,
      status: this.status,
      upstreamInstance: this.upstreamInstance,
      latencyMs: round(totalMs),
      upstreamLatencyMs: upstream === null ? null : round(upstream),
      gatewayLatencyMs: round(upstream === null ? totalMs : Math.max(0, totalMs - upstream)),
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      consumerId: id?.consumerId ?? null,
      keyId: id?.keyId ?? null,
      planId: id?.planId ?? null,
      quotaPerMonth: id?.quotaPerMonth ?? null,
      clientIp: this.clientIp || null,
      errorCode: this.errorCode,
      cacheStatus: this.cacheStatus,
    };
  }
}

let lastMs = -1;
let lastIso = '';
let secondStart = -1;
let secondPrefix = '';

/**
 * `new Date(ms).toISOString()`, formatted once per second: within a second only the milliseconds
 * change, appended to the cached `YYYY-MM-DDTHH:mm:ss.` prefix (at thousands of requests per second
 * nearly every request has its own millisecond, so caching per millisecond alone saved little).
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    const frac = ms % 1000;
    if (frac < 0 || !Number.isInteger(ms)) lastIso = new Date(ms).toISOString();
    else {
      const start = ms - frac;
      if (start !== secondStart) {
        secondStart = start;
        secondPrefix = new Date(start).toISOString().slice(0, 20);
      }
      lastIso = `${secondPrefix}${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}Z`;
    }
  }
  return lastIso;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
