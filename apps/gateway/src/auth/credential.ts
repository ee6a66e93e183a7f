import type { PlanLimits, RejectedCredential, VerifiedCredential } from '@portico/contracts';
import type { CallerIdentity } from '../pipeline/contracts';
import { compileIpMatcher, type IpMatcher } from './ip-match';

/**
 * A verified credential, compiled once from consumer-management's answer (or a token's claims) into
 * the shape the hot path checks: sets instead of arrays, a compiled IP matcher, and one
 * CallerIdentity per API version, built on first use and reused by every later request.
 */
export interface Credential {
  valid: true;
  tenantId: string;
  consumerId: string | null;
  /** Whoever acts: the consumer, or the admin user owning the key. Events are keyed by it. */
  actorId: string;
  keyId: string | null;
  scopes: string[];
  /** null: the credential carries the `*` scope and satisfies any requirement. */
  scopeSet: Set<string> | null;
  via: CallerIdentity['via'];
  plan: PlanLimits | null;
  subscriptions: Set<string>;
  subscriptionPlans: Map<string, PlanLimits>;
  allowedApis: Set<string> | null;
  allowedIps: IpMatcher | null;
  /** The token's `jti` (JWT/OAuth2), checked against revocations. */
  jti: string | null;
  identities: Map<string, CallerIdentity>;
}

/** A refusal, cached like a verified answer. */
export interface Rejection {
  valid: false;
  reason: RejectedCredential['reason'] | 'invalid_token' | 'inactive';
}

export type CredentialAnswer = Credential | Rejection;

export interface CredentialInput {
  tenantId: string;
  consumerId: string | null;
  actorId: string;
  keyId: string | null;
  scopes: readonly string[];
  via: CallerIdentity['via'];
  plan: PlanLimits | null;
  subscriptions: readonly string[];
  subscriptionPlans?: VerifiedCredential['subscriptionPlans'];
  allowedApis: readonly string[] | null;
  allowedIps: readonly string[] | null;
  jti?: string | null;
}

export function compileCredential(input: CredentialInput): Credential {
  let allowedIps: IpMatcher | null = null;
  if (input.allowedIps && input.allowedIps.length > 0) {
    try {
      allowedIps = compileIpMatcher(input.allowedIps);
    } catch {
      // consumer-management validates these; an entry we cannot read must not open the key up.
      allowedIps = { size: 0, matches: () => false };
    }
  }
  const plans = new Map<string, PlanLimits>();
  for (const s of input.subscriptionPlans ?? []) plans.set(s.apiVersionId, s.plan);
  return {
    valid: true,
    tenantId: input.tenantId,
    consumerId: input.consumerId,
    actorId: input.actorId,
    keyId: input.keyId,
    scopes: [...input.scopes],
    scopeSet: input.scopes.includes('*') ? null : new Set(input.scopes),
    via: input.via,
    plan: input.plan,
    subscriptions: new Set(input.subscriptions),
    subscriptionPlans: plans,
    allowedApis: input.allowedApis ? new Set(input.allowedApis) : null,
    allowedIps,
    jti: input.jti ?? null,
    identities: new Map(),
  };
}

/** Compiles consumer-management's answer to `consumer.credentials.verify`. */
export function fromVerified(
  reply: VerifiedCredential,
  via: CallerIdentity['via'],
  overrides: { scopes?: readonly string[]; jti?: string | null } = {},
): Credential {
  const p = reply.principal;
  return compileCredential({
    tenantId: p.tenantId,
    consumerId: p.consumerId,
    actorId: p.actorId,
    keyId: p.keyId,
    scopes: overrides.scopes ?? p.scopes,
    via,
    plan: reply.plan,
    subscriptions: reply.subscriptions,
    ...(reply.subscriptionPlans ? { subscriptionPlans: reply.subscriptionPlans } : {}),
    allowedApis: reply.allowedApis,
    allowedIps: reply.allowedIps,
    jti: overrides.jti ?? null,
  });
}

/** The identity for one API version: the subscription's plan when there is one, else the consumer's. */
export function identityFor(cred: Credential, versionId: string): CallerIdentity {
  let id = cred.identities.get(versionId);
  if (!id) {
    const plan = cred.subscriptionPlans.get(versionId) ?? cred.plan;
    id = {
      tenantId: cred.tenantId,
      consumerId: cred.consumerId,
      keyId: cred.keyId,
      scopes: cred.scopes,
      planId: plan?.planId ?? null,
      rateLimitPerMinute: plan?.rateLimitPerMinute ?? null,
      quotaPerMonth: plan?.quotaPerMonth ?? null,
      via: cred.via,
    };
    cred.identities.set(versionId, id);
  }
  return id;
}
