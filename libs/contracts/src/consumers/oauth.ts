import { z } from 'zod';
import { CredentialScopeSchema } from './common';

export const CreateOAuthClientSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Scopes the client may request; a token request without `scope` gets them all. */
  scopes: z.array(CredentialScopeSchema).max(100).default([]),
});
export type CreateOAuthClient = z.infer<typeof CreateOAuthClientSchema>;

export interface OAuthClientView {
  id: string;
  clientId: string;
  consumerId: string;
  name: string;
  scopes: string[];
  status: 'active' | 'revoked';
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** Returned once, at creation: the only time the client secret is visible. */
export interface CreatedOAuthClient extends OAuthClientView {
  clientSecret: string;
}

/** NATS request-reply `consumer.token.introspect` (answered by consumer-management). */
export const TokenIntrospectRequestSchema = z.object({ token: z.string().min(1).max(8192) });
export type TokenIntrospectRequest = z.infer<typeof TokenIntrospectRequestSchema>;

/** RFC 7662 introspection answer, plus the tenant and consumer of the token. */
export interface TokenIntrospection {
  active: boolean;
  scope?: string;
  client_id?: string;
  sub?: string;
  exp?: number;
  iat?: number;
  iss?: string;
  aud?: string | string[];
  jti?: string;
  token_type?: 'Bearer';
  tenant_id?: string;
  consumer_id?: string;
}
