import { z } from 'zod';

/**
 * Gateway policies, as stored by the registry (per version, overridable per route) and applied by
 * the gateway. One schema for both: the registry validates every write with it (a 400 names the
 * failing field), the gateway trusts what the snapshot carries.
 */
const HttpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid header name');
const Cidr = z
  .string()
  .regex(
    /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/,
    'must be an IPv4/IPv6 address or CIDR',
  );

export const AuthPolicySchema = z.object({
  type: z.enum(['none', 'apiKey', 'jwt', 'oauth2']).default('apiKey'),
  /** Scopes the credential must carry (all of them). */
  scopes: z.array(z.string().min(1)).default([]),
  /** Accept the API key from `?api_key=` as well as the X-API-Key header. */
  allowQueryKey: z.boolean().default(false),
  /** Require an approved subscription of the consumer to this API version. */
  requireSubscription: z.boolean().default(false),
});

export const RateLimitPolicySchema = z.object({
  requests: z.number().int().positive(),
  windowSeconds: z.number().int().positive().max(86_400),
  scope: z.enum(['consumer', 'key', 'ip', 'route']).default('consumer'),
});

export const QuotaPolicySchema = z.object({
  requests: z.number().int().positive(),
  period: z.enum(['day', 'month']).default('month'),
});

export const CachePolicySchema = z.object({
  ttlSeconds: z.number().int().positive().max(86_400),
  /** Request headers that take part in the cache key (besides method, path and query). */
  vary: z.array(HeaderName).default([]),
  /** Cache per consumer (responses that depend on who asks). */
  perConsumer: z.boolean().default(false),
});

export const RetryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(3),
});

export const CircuitBreakerPolicySchema = z.object({
  consecutiveFailures: z.number().int().min(1).max(1000).default(5),
  halfOpenAfterMs: z.number().int().min(100).max(3_600_000).default(60_000),
});

export const CorsPolicySchema = z.object({
  origins: z.array(z.string().min(1)).min(1),
  methods: z.array(HttpMethod).default(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
  headers: z.array(HeaderName).default([]),
  exposeHeaders: z.array(HeaderName).default([]),
  credentials: z.boolean().default(false),
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
});

const HeaderTransformSchema = z.object({
  add: z.record(HeaderName, z.string()).default({}),
  remove: z.array(HeaderName).default([]),
  rename: z.record(HeaderName, HeaderName).default({}),
});

export const TransformPolicySchema = z.object({
  request: z
    .object({
      headers: HeaderTransformSchema.optional(),
      /** Upstream path = prefix + route path (the public version and base path are always stripped). */
      pathPrefix: z
        .string()
        .regex(/^(\/[^\s?#]*)?$/, 'must start with / and contain no query')
        .optional(),
    })
    .optional(),
  response: z.object({ headers: HeaderTransformSchema.optional() }).optional(),
});

export const IpFilterPolicySchema = z.object({
  allow: z.array(Cidr).default([]),
  deny: z.array(Cidr).default([]),
});

/** Every policy is optional; an absent one means "not applied" (auth defaults to apiKey). */
export const PolicySetSchema = z
  .object({
    auth: AuthPolicySchema.optional(),
    rateLimit: RateLimitPolicySchema.optional(),
    quota: QuotaPolicySchema.optional(),
    cache: CachePolicySchema.optional(),
    timeoutMs: z.number().int().min(1).max(300_000).optional(),
    retry: RetryPolicySchema.optional(),
    circuitBreaker: CircuitBreakerPolicySchema.optional(),
    cors: CorsPolicySchema.optional(),
    transform: TransformPolicySchema.optional(),
    requestSizeLimitBytes: z
      .number()
      .int()
      .positive()
      .max(100 * 1024 * 1024)
      .optional(),
    ipFilter: IpFilterPolicySchema.optional(),
    /**
     * Validate request bodies/parameters against the route's OpenAPI operation. Stored and served
     * in the snapshot; the gateway does not enforce it yet.
     */
    validateRequest: z.boolean().optional(),
  })
  .strict();
export type PolicySet = z.infer<typeof PolicySetSchema>;
export type AuthPolicy = z.infer<typeof AuthPolicySchema>;
export type RateLimitPolicy = z.infer<typeof RateLimitPolicySchema>;
export type CachePolicy = z.infer<typeof CachePolicySchema>;
export type CorsPolicy = z.infer<typeof CorsPolicySchema>;
export type TransformPolicy = z.infer<typeof TransformPolicySchema>;

/**
 * Route-level policies override version-level ones key by key (a route's `cache` replaces the
 * version's `cache` entirely; keys the route does not set are inherited).
 */
export function mergePolicies(version: PolicySet, route: PolicySet | undefined): PolicySet {
  return { ...version, ...(route ?? {}) };
}

export { HttpMethod as HttpMethodSchema };
export type HttpMethod = z.infer<typeof HttpMethod>;
