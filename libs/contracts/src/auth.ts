import { z } from 'zod';

/**
 * Who is calling. Every service's management API resolves the caller to a Principal (through
 * consumer-management, cached) and scopes every query by its tenant.
 * - admin: everything in its tenant; user: its own consumers and keys; system: automation;
 *   auditor: read-only (audit and logs); consumer: an API consumer using its own key.
 */
export const RoleSchema = z.enum(['admin', 'user', 'system', 'auditor', 'consumer']);
export type Role = z.infer<typeof RoleSchema>;

export const PrincipalSchema = z.object({
  tenantId: z.string(),
  role: RoleSchema,
  /** The user id for admins/users/system/auditors, the consumer id for consumers. */
  actorId: z.string(),
  consumerId: z.string().nullable(),
  keyId: z.string().nullable(),
  scopes: z.array(z.string()),
  /** How the caller proved it: an API key, a JWT access token, or the bootstrap admin key. */
  via: z.enum(['apiKey', 'jwt', 'bootstrap']),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** The default tenant, which owns the bootstrap admin key. */
export const DEFAULT_TENANT_ID = 'ten_default';

/** Plan limits carried with a verified credential, enforced by the gateway. */
export const PlanLimitsSchema = z.object({
  planId: z.string(),
  name: z.string(),
  rateLimitPerMinute: z.number().int().positive().nullable(),
  quotaPerMonth: z.number().int().positive().nullable(),
});
export type PlanLimits = z.infer<typeof PlanLimitsSchema>;

/**
 * NATS request-reply `consumer.credentials.verify` (answered by consumer-management):
 * an API key (as sent in X-API-Key) or an OAuth client id.
 */
export const VerifyCredentialRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('apiKey'),
    /** An API key, or one of consumer-management's JWT access tokens (sent as Bearer). */
    key: z.string().min(1).max(4096),
    clientIp: z.string().optional(),
  }),
  z.object({ type: z.literal('oauthClient'), clientId: z.string().min(1).max(256) }),
]);
export type VerifyCredentialRequest = z.infer<typeof VerifyCredentialRequestSchema>;

export const VerifiedCredentialSchema = z.object({
  valid: z.literal(true),
  principal: PrincipalSchema,
  /** Null for admin users' keys (no consumer, no plan). */
  plan: PlanLimitsSchema.nullable(),
  /** Api ids the credential may call; null = any API of the tenant. */
  allowedApis: z.array(z.string()).nullable(),
  /** CIDRs the key may be used from; null = anywhere. */
  allowedIps: z.array(z.string()).nullable(),
  /** API version ids the consumer holds an approved subscription to. */
  subscriptions: z.array(z.string()),
  /**
   * The approved subscriptions with the plan each one is under (a subscription's plan may differ
   * from the consumer's `plan`); absent for admin users' keys.
   */
  subscriptionPlans: z
    .array(
      z.object({
        subscriptionId: z.string(),
        apiId: z.string(),
        apiVersionId: z.string(),
        plan: PlanLimitsSchema,
      }),
    )
    .optional(),
  expiresAt: z.string().nullable(),
  /** How long the answer may be cached, in seconds (events invalidate earlier). */
  cacheTtlSeconds: z.number().int().min(0),
});
export type VerifiedCredential = z.infer<typeof VerifiedCredentialSchema>;

export const RejectedCredentialSchema = z.object({
  valid: z.literal(false),
  reason: z.enum([
    'unknown',
    'revoked',
    'expired',
    'ip_not_allowed',
    'consumer_not_approved',
    'locked_out',
  ]),
  cacheTtlSeconds: z.number().int().min(0),
});
export type RejectedCredential = z.infer<typeof RejectedCredentialSchema>;

export type VerifyCredentialReply = VerifiedCredential | RejectedCredential;
