import { z } from 'zod';

/** Asymmetric JWS algorithms only: `none` never, HS* would need a shared secret we do not hold. */
const ALLOWED_JWT_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
  'Ed25519',
] as const;
const JwtAlgorithm = z.enum(ALLOWED_JWT_ALGORITHMS);

/** An external identity provider whose access tokens the gateway accepts on `jwt` routes. */
export const ExternalIssuerSchema = z.object({
  issuer: z.string().min(1),
  jwksUri: z.url(),
  audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  algorithms: z.array(JwtAlgorithm).min(1).default(['RS256', 'ES256']),
  /** Tokens of this issuer act in this tenant (an external IdP knows nothing of ours). */
  tenantId: z.string().min(1),
  /** Claim naming the consumer (default `sub`). */
  consumerClaim: z.string().min(1).default('sub'),
  /** Claim carrying the scopes: a space-separated string or an array (default `scope`). */
  scopeClaim: z.string().min(1).default('scope'),
});
export type ExternalIssuer = z.infer<typeof ExternalIssuerSchema>;

const issuersJson = z
  .string()
  .default('[]')
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of issuers' });
      return z.NEVER;
    }
  })
  .pipe(z.array(ExternalIssuerSchema));

const csvAlgorithms = z
  .string()
  .default('ES256')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(JwtAlgorithm).min(1));

/** The auth feature's configuration keys, merged into GatewayConfigSchema. */
export const AuthConfigShape = {
  /** `iss` of consumer-management's access tokens (its OAUTH_ISSUER). */
  GATEWAY_JWT_PORTICO_ISSUER: z.string().min(1).default('http://127.0.0.1:3002'),
  /** `aud` the gateway requires in consumer-management's access tokens (its OAUTH_AUDIENCE). */
  GATEWAY_JWT_PORTICO_AUDIENCE: z.string().min(1).default('portico'),
  /**
   * Where consumer-management's JWK Set is. Unset: a consumer-management instance from Consul when
   * Consul is configured, else `<issuer>/.well-known/jwks.json`.
   */
  GATEWAY_JWT_PORTICO_JWKS_URL: z.url().optional(),
  /** Algorithms accepted for consumer-management's tokens (comma-separated; never none/HS*). */
  GATEWAY_JWT_PORTICO_ALGORITHMS: csvAlgorithms,
  /** External issuers, JSON: `[{"issuer","jwksUri","audience","tenantId","algorithms"?,...}]`. */
  GATEWAY_JWT_ISSUERS: issuersJson,
  /** Clock skew tolerated on exp/nbf/iat. */
  GATEWAY_JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Budget of a credential check over NATS before the request gets 503. */
  GATEWAY_AUTH_VERIFY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /** Upper bound on any cached credential answer (events invalidate sooner). */
  GATEWAY_AUTH_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(300),
  /** How many credential answers are kept (oldest dropped first). */
  GATEWAY_AUTH_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** How long an inactive introspection answer is cached. */
  GATEWAY_AUTH_NEGATIVE_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
};
