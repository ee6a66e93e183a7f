import type {
  PlanLimits,
  Principal,
  RejectedCredential,
  VerifiedCredential,
} from '@portico/contracts';
import type { ConsumerContext } from './credentials.repository';

/** How long the gateway may cache each kind of refusal (events clear caches sooner). */
export const REJECTION_TTL: Record<RejectedCredential['reason'], number> = {
  unknown: 10,
  revoked: 60,
  expired: 60,
  ip_not_allowed: 60,
  consumer_not_approved: 10,
  locked_out: 60,
};

export function reject(
  reason: RejectedCredential['reason'],
  ttlSeconds = REJECTION_TTL[reason],
): RejectedCredential {
  return { valid: false, reason, cacheTtlSeconds: ttlSeconds };
}

/** `a ∩ b` where null means "no restriction". */
export function intersect(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const allowed = new Set(b);
  return a.filter((x) => allowed.has(x));
}

export function nonEmpty(list: readonly string[] | null | undefined): string[] | null {
  return list && list.length > 0 ? [...list] : null;
}

function planOf(ctx: ConsumerContext): PlanLimits | null {
  if (!ctx.planId || !ctx.planName) return null;
  return {
    planId: ctx.planId,
    name: ctx.planName,
    rateLimitPerMinute: ctx.rateLimitPerMinute,
    quotaPerMonth: ctx.quotaPerMonth,
  };
}

/** Seconds an answer may be cached: the configured TTL, never beyond the credential's expiry. */
export function ttlUntil(expiresAt: Date | null, maxSeconds: number, now: number): number {
  if (!expiresAt) return maxSeconds;
  return Math.max(0, Math.min(maxSeconds, Math.floor((expiresAt.getTime() - now) / 1000)));
}

/** A valid answer for a consumer's credential (API key, OAuth client or access token). */
export function consumerAnswer(opts: {
  principal: Principal;
  ctx: ConsumerContext;
  credentialAllowedApis: string[] | null;
  allowedIps: string[] | null;
  expiresAt: Date | null;
  cacheTtlSeconds: number;
}): VerifiedCredential {
  const { ctx } = opts;
  return {
    valid: true,
    principal: opts.principal,
    plan: planOf(ctx),
    allowedApis: intersect(nonEmpty(ctx.planAllowedApis), opts.credentialAllowedApis),
    allowedIps: opts.allowedIps,
    subscriptions: ctx.subscriptions.map((s) => s.apiVersionId),
    subscriptionPlans: ctx.subscriptions.map((s) => ({
      subscriptionId: s.subscriptionId,
      apiId: s.apiId,
      apiVersionId: s.apiVersionId,
      plan: {
        planId: s.planId,
        name: s.name,
        rateLimitPerMinute: s.rateLimitPerMinute,
        quotaPerMonth: s.quotaPerMonth,
      },
    })),
    expiresAt: opts.expiresAt?.toISOString() ?? null,
    cacheTtlSeconds: opts.cacheTtlSeconds,
  };
}
