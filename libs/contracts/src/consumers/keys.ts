import { z } from 'zod';
import { ConsumerApiRefSchema, CredentialCidrSchema, CredentialScopeSchema } from './common';

/** Every API key looks like `pk_live_<26-char id>_<secret>`; the id part is public. */
export const API_KEY_PREFIX = 'pk_live_';

export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Scopes carried by the key (`permissions` is accepted as a synonym). */
  scopes: z.array(CredentialScopeSchema).max(100).optional(),
  permissions: z.array(CredentialScopeSchema).max(100).optional(),
  /** When the key stops working; default never. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** Restrict the key to these APIs (within what the plan allows). */
  allowedApis: z.array(ConsumerApiRefSchema).min(1).max(500).optional(),
  /** Accept the key only from these addresses or ranges (CIDR). */
  allowedIps: z.array(CredentialCidrSchema).min(1).max(100).optional(),
});
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const RotateApiKeySchema = z
  .object({
    /** How long the old key keeps working, in seconds (0 = stops now; at most 30 days). */
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
  })
  .prefault({});
export type RotateApiKey = z.infer<typeof RotateApiKeySchema>;

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** A key as listed: never the secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `pk_live_<id>`: the public part, enough to recognise the key. */
  prefix: string;
  /** How the key is shown in lists: `pk_live_<id>_****`. */
  masked: string;
  consumerId: string | null;
  userId: string | null;
  scopes: string[];
  allowedApis: string[] | null;
  allowedIps: string[] | null;
  status: ApiKeyStatus;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedById: string | null;
  /** When the key was last verified (the gateway caches verifications for up to a minute). */
  lastUsedAt: string | null;
  createdAt: string;
}

/** Returned once, at creation or rotation: the only time the full key is visible. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

export interface RotatedApiKey {
  previous: ApiKeyView;
  current: CreatedApiKey;
}
