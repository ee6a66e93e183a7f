import {
  BaseConfigSchema,
  DatabaseConfigSchema,
  SecretKeyConfigSchema,
  requireSecretKeyInProduction,
} from '@portico/platform';
import { z } from 'zod';

export const ConsumerManagementConfigSchema = BaseConfigSchema.merge(DatabaseConfigSchema)
  .merge(SecretKeyConfigSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    /** `iss` of access tokens and the issuer in the OAuth metadata (this service's public URL). */
    OAUTH_ISSUER: z.url().default('http://127.0.0.1:3002'),
    /** `aud` of access tokens. */
    OAUTH_AUDIENCE: z.string().min(1).default('portico'),
    OAUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** A signing key older than this is replaced (it stays in the JWKS until its tokens expire). */
    OAUTH_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Failed credential checks per key id or OAuth client id within the window before a lock-out. */
    AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(10_000).default(10),
    /** The same for one client IP (higher: callers behind one proxy share an address). */
    AUTH_LOCKOUT_IP_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(50),
    AUTH_LOCKOUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
    /** First lock-out length; each further lock-out of the same key id or IP doubles it (max 1 h). */
    AUTH_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(60),
    /** How long the gateway may cache a positive verification (events clear it earlier). */
    CREDENTIAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  })
  .superRefine(requireSecretKeyInProduction);
export type ConsumerManagementConfig = z.infer<typeof ConsumerManagementConfigSchema>;
