import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type LoggerLike, type PolicySet } from '@portico/contracts';
import { InjectConfig, InjectLogger, MetricsService } from '@portico/platform';
import type { GatewayConfig } from '../config';
import type {
  CallerIdentity,
  GatewayRequest,
  LimitDecision,
  MaybePromise,
  RequestLimiter,
} from '../pipeline/contracts';
import {
  type CompiledRouteLimits,
  compileRouteLimits,
  limitsFor,
  type RequestLimits,
} from './limit-plan';
import type { LimitOutcome, LimitStore } from './limit-spec';
import { PeriodClock } from './periods';

export const LIMIT_STORE = Symbol.for('portico:gateway:limit-store');

const NO_LIMITS: LimitDecision = { allowed: true, headers: {} };
const NONE: RequestLimits = {
  specs: [],
  policy: '',
  limitTexts: [],
  reusable: true,
  validUntil: Number.POSITIVE_INFINITY,
};

interface Compiled extends CompiledRouteLimits {
  routeId: string;
  versionId: string;
}

/**
 * The rate-limit and quota stage. The route's policy and the caller's plan become a list of
 * sliding windows and calendar quotas (compiled once per policy object), checked and counted in
 * one step by the store: synchronously in memory, one EVALSHA with Redis. The answer carries the
 * RateLimit-* headers of the limit closest to running out.
 */
@Injectable()
export class GatewayRequestLimiter implements RequestLimiter {
  private readonly compiled = new WeakMap<PolicySet, Compiled>();
  private readonly byIdentity = new WeakMap<CallerIdentity, Map<Compiled, RequestLimits>>();
  private readonly clock = new PeriodClock();
  private readonly failOpen: boolean;
  private readonly errors: ReturnType<MetricsService['counter']>;
  private lastWarn = 0;

  constructor(
    @Inject(LIMIT_STORE) private readonly store: LimitStore,
    @InjectConfig() config: GatewayConfig,
    @InjectLogger() private readonly logger: LoggerLike,
    metrics: MetricsService,
  ) {
    this.failOpen = config.GATEWAY_RATE_LIMIT_FAIL_OPEN;
    this.errors = metrics.counter(
      'portico_gateway_limiter_errors_total',
      'Requests whose rate limits could not be checked (store unreachable or slow).',
    );
  }

  check(req: GatewayRequest, identity: CallerIdentity | null): MaybePromise<LimitDecision> {
    const route = req.route;
    let c = this.compiled.get(route.policies);
    if (c === undefined || c.routeId !== route.routeId || c.versionId !== route.versionId) {
      c = {
        ...compileRouteLimits(route.policies, route),
        routeId: route.routeId,
        versionId: route.versionId,
      };
      this.compiled.set(route.policies, c);
    }
    const now = Date.now();
    const limits = this.limitsOf(c, req, identity, now);
    if (limits === null) return NO_LIMITS;
    let outcome: LimitOutcome | Promise<LimitOutcome>;
    try {
      outcome = this.store.check(limits.specs, now);
    } catch (err) {
      return this.storeFailed(err);
    }
    if (outcome instanceof Promise) {
      return outcome.then(
        (o) => decide(limits, o),
        (err: unknown) => this.storeFailed(err),
      );
    }
    return decide(limits, outcome);
  }

  /**
   * The authenticator hands out one identity object per credential and API version, so a caller's
   * specs (keys, header texts) are built once per route and reused until a quota period ends.
   */
  private limitsOf(
    c: Compiled,
    req: GatewayRequest,
    identity: CallerIdentity | null,
    now: number,
  ): RequestLimits | null {
    if (identity === null) return limitsFor(c, req, identity, this.clock, now);
    let perRoute = this.byIdentity.get(identity);
    const known = perRoute?.get(c);
    if (known !== undefined && now < known.validUntil) return known === NONE ? null : known;
    const limits = limitsFor(c, req, identity, this.clock, now);
    if (limits === null || limits.reusable) {
      if (perRoute === undefined) {
        perRoute = new Map();
        this.byIdentity.set(identity, perRoute);
      }
      perRoute.set(c, limits ?? NONE);
    }
    return limits;
  }

  private storeFailed(err: unknown): LimitDecision {
    this.errors.inc();
    const now = Date.now();
    if (now - this.lastWarn > 10_000) {
      this.lastWarn = now;
      this.logger.warn(
        { err: (err as Error).message, failOpen: this.failOpen },
        'rate limits could not be checked',
      );
    }
    if (this.failOpen) return NO_LIMITS;
    return {
      allowed: false,
      status: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'Rate limits cannot be checked right now; try again shortly.',
      headers: { 'Retry-After': '1' },
    };
  }
}

/** Headers of the limit with the least room (the refused one, on a refusal). */
export function decide(limits: RequestLimits, o: LimitOutcome): LimitDecision {
  let pick = o.refused;
  if (pick < 0) {
    pick = 0;
    for (let i = 1; i < o.remaining.length; i++) {
      if (o.remaining[i]! < o.remaining[pick]!) pick = i;
    }
  }
  const spec = limits.specs[pick]!;
  const resetSeconds = Math.max(0, Math.ceil(o.resetMs[pick]! / 1000));
  const headers: Record<string, string> = {
    'RateLimit-Limit': limits.limitTexts[pick]!,
    'RateLimit-Remaining': `${o.remaining[pick]}`,
    'RateLimit-Reset': `${resetSeconds}`,
    'RateLimit-Policy': limits.policy,
  };
  if (o.refused < 0) return { allowed: true, headers };
  headers['Retry-After'] = String(Math.max(1, resetSeconds));
  const quota = spec.kind === 'quota';
  return {
    allowed: false,
    status: 429,
    code: quota ? ErrorCode.QUOTA_EXCEEDED : ErrorCode.RATE_LIMITED,
    message: quota
      ? `The quota of ${spec.limit} requests for this period is used up.`
      : `Rate limit of ${spec.limit} requests per ${spec.windowMs / 1000} s exceeded.`,
    headers,
  };
}
