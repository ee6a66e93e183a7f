import type { PolicySet } from '@portico/contracts';
import type { CallerIdentity, GatewayRequest } from '../pipeline/contracts';
import type { LimitSpec } from './limit-spec';
import type { PeriodClock } from './periods';

type Scope = 'consumer' | 'key' | 'ip' | 'route';

/** A route's limits with everything that does not depend on the caller worked out once. */
export interface CompiledRouteLimits {
  rate: {
    limit: number;
    windowMs: number;
    scope: Scope;
    /** Key up to the caller part. */
    keyBase: string;
    policy: string;
  } | null;
  quota: {
    limit: number;
    period: 'day' | 'month';
    keyBase: string;
    policy: string;
  } | null;
}

const NONE: CompiledRouteLimits = { rate: null, quota: null };
const MONTH_SECONDS = 30 * 86_400;

/**
 * Counter keys. A version-level policy is inherited by every route of the version, and a snapshot
 * carries the effective policy per route: routes with the same numbers share one counter per
 * version, a route that overrides them with other numbers gets its own. Scope `route` counts every
 * caller of the route together.
 */
export function compileRouteLimits(
  policies: PolicySet,
  route: GatewayRequest['route'],
): CompiledRouteLimits {
  const r = policies.rateLimit;
  const q = policies.quota;
  if (!r && !q) return NONE;
  return {
    rate: r
      ? {
          limit: r.requests,
          windowMs: r.windowSeconds * 1000,
          scope: r.scope,
          keyBase:
            r.scope === 'route'
              ? `r:${route.routeId}:${r.requests}/${r.windowSeconds}`
              : `r:${route.versionId}:${r.requests}/${r.windowSeconds}:${r.scope}:`,
          policy: `${r.requests};w=${r.windowSeconds}`,
        }
      : null,
    quota: q
      ? {
          limit: q.requests,
          period: q.period,
          keyBase: `q:${route.versionId}:${q.requests}/${q.period}:`,
          policy: `${q.requests};w=${q.period === 'day' ? 86_400 : MONTH_SECONDS}`,
        }
      : null,
  };
}

/** Who a per-caller counter belongs to: the consumer (or key) when known, else the address. */
function subject(scope: Scope, identity: CallerIdentity | null, ip: string): string {
  return callerOf(scope, identity) ?? `i:${ip}`;
}

function callerOf(scope: Scope, identity: CallerIdentity | null): string | null {
  if (identity === null || scope === 'ip') return null;
  if (scope === 'consumer' && identity.consumerId !== null) return `c:${identity.consumerId}`;
  if (identity.keyId !== null) return `k:${identity.keyId}`;
  if (identity.consumerId !== null) return `c:${identity.consumerId}`;
  return null;
}

export interface RequestLimits {
  specs: LimitSpec[];
  /** `RateLimit-Policy`, joined once. */
  policy: string;
  /** Each spec's limit as header text. */
  limitTexts: string[];
  /** True when nothing in here depends on the client address (so it may be reused per caller). */
  reusable: boolean;
  /** Epoch ms when a quota period in here ends (the specs must be rebuilt then). */
  validUntil: number;
}

/**
 * Whether a caller's limits for a route may be computed once and reused: not when a counter
 * is keyed by the client address.
 */
function reusableFor(compiled: CompiledRouteLimits, identity: CallerIdentity | null): boolean {
  if (identity === null) return compiled.rate === null && compiled.quota === null;
  if (compiled.rate !== null && compiled.rate.scope !== 'route') {
    if (callerOf(compiled.rate.scope, identity) === null) return false;
  }
  if (compiled.quota !== null && callerOf('consumer', identity) === null) return false;
  return true;
}

/** The specs one request counts against: the route's rate and quota, then the caller's plan. */
export function limitsFor(
  compiled: CompiledRouteLimits,
  req: GatewayRequest,
  identity: CallerIdentity | null,
  clock: PeriodClock,
  now: number,
): RequestLimits | null {
  const plan = identity !== null && identity.planId !== null ? identity : null;
  const planRate = plan?.rateLimitPerMinute ?? null;
  const planQuota = plan?.quotaPerMonth ?? null;
  if (
    compiled.rate === null &&
    compiled.quota === null &&
    planRate === null &&
    planQuota === null
  ) {
    return null;
  }
  const specs: LimitSpec[] = [];
  const policies: string[] = [];
  let validUntil = Number.POSITIVE_INFINITY;
  const { rate, quota } = compiled;
  if (rate !== null) {
    const key =
      rate.scope === 'route'
        ? rate.keyBase
        : rate.keyBase + subject(rate.scope, identity, req.clientIp);
    specs.push({ kind: 'rate', key, limit: rate.limit, windowMs: rate.windowMs });
    policies.push(rate.policy);
  }
  if (quota !== null) {
    const p = clock.current(quota.period, now);
    validUntil = Math.min(validUntil, p.endsAt);
    specs.push({
      kind: 'quota',
      key: `${quota.keyBase}${p.id}:${subject('consumer', identity, req.clientIp)}`,
      limit: quota.limit,
      endsAt: p.endsAt,
    });
    policies.push(quota.policy);
  }
  if (plan !== null) {
    const who = subject('consumer', plan, req.clientIp);
    if (planRate !== null) {
      specs.push({
        kind: 'rate',
        key: `p:${plan.planId}:${planRate}/60:${who}`,
        limit: planRate,
        windowMs: 60_000,
      });
      policies.push(`${planRate};w=60`);
    }
    if (planQuota !== null) {
      const p = clock.current('month', now);
      validUntil = Math.min(validUntil, p.endsAt);
      specs.push({
        kind: 'quota',
        key: `pq:${plan.planId}:${planQuota}:${p.id}:${who}`,
        limit: planQuota,
        endsAt: p.endsAt,
      });
      policies.push(`${planQuota};w=${MONTH_SECONDS}`);
    }
  }
  return {
    specs,
    policy: policies.join(', '),
    limitTexts: specs.map((x) => String(x.limit)),
    reusable: reusableFor(compiled, identity),
    validUntil,
  };
}
