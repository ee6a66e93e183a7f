import { z } from 'zod';

/** References to the registry's entities (not checked against the registry: it owns them). */
export const ConsumerApiRefSchema = z
  .string()
  .regex(/^api_[0-9A-Za-z]{1,64}$/, 'must be an api_ id');
export const ConsumerApiVersionRefSchema = z
  .string()
  .regex(/^ver_[0-9A-Za-z]{1,64}$/, 'must be a ver_ id');

/** A scope or permission: `orders:read`, `admin`, `*`. */
export const CredentialScopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:*/-]{1,100}$/, 'letters, digits and _ . : * / - (at most 100)');

export const CredentialCidrSchema = z
  .string()
  .min(2)
  .max(64)
  .describe('An IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.0/24');

/** Free-form labels on a consumer (string values, at most 50 entries). */
export const ConsumerMetadataSchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((m) => Object.keys(m).length <= 50, 'at most 50 entries');

export const DecisionReasonSchema = z.string().trim().min(1).max(1000);
