import { Injectable } from '@nestjs/common';
import type {
  AuthPolicy,
  IpFilterPolicySchema,
  TokenIntrospection,
  VerifyCredentialReply,
  LoggerLike as Logger,
} from '@portico/contracts';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { z } from 'zod';
import type { GatewayConfig } from '../config';
import type {
  AuthResult,
  Authenticator,
  GatewayRequest,
  MaybePromise,
} from '../pipeline/contracts';
import { authorise, forbidden, refuse, type Scheme, unauthorized, unavailable } from './authorise';
import { ConsumerCredentials } from './consumer-credentials';
import {
  compileCredential,
  type Credential,
  type CredentialAnswer,
  fromVerified,
  type Rejection,
} from './credential';
import { digest } from './credential-cache';
import { compileIpMatcher, type IpMatcher } from './ip-match';
import { JwtVerifier, type VerifiedJwt } from './jwt-verifier';

type IpFilterPolicy = z.infer<typeof IpFilterPolicySchema>;

interface CompiledIpFilter {
  allow: IpMatcher | null;
  deny: IpMatcher | null;
}

const ANONYMOUS: AuthResult = { ok: true, identity: null };
const MAX_CREDENTIAL_LENGTH = 8192;
const NO_FILTER: CompiledIpFilter = { allow: null, deny: null };

/**
 * The auth stage: IP allow/deny, then the credential the route's auth policy asks for (API key,
 * JWT bearer, or an OAuth2 token introspected by consumer-management), then authorisation.
 *
 * The hot path is synchronous: a cached credential (by digest) is checked with set lookups and the
 * identity object is reused. Only a miss goes to NATS (one request per digest at a time), and its
 * answer is cached, refusals included, for as long as the answer allows or until an event says
 * otherwise.
 */
@Injectable()
export class GatewayAuthenticator implements Authenticator {
  private readonly ipFilters = new WeakMap<IpFilterPolicy, CompiledIpFilter>();
  private readonly negativeTtlMs: number;
  private lastWarn = 0;

  constructor(
    private readonly credentials: ConsumerCredentials,
    private readonly jwt: JwtVerifier,
    @InjectConfig() config: GatewayConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.negativeTtlMs = config.GATEWAY_AUTH_NEGATIVE_TTL_SECONDS * 1000;
  }

  authenticate(req: GatewayRequest): MaybePromise<AuthResult> {
    const policies = req.route.policies;
    if (policies.ipFilter !== undefined) {
      const refused = this.checkIp(policies.ipFilter, req.clientIp);
      if (refused) return refused;
    }
    const auth = policies.auth;
    const type = auth?.type ?? 'apiKey';
    if (type === 'none') return ANONYMOUS;
    if (type === 'apiKey') return this.apiKey(req, auth);
    return this.bearer(req, type);
  }

  private checkIp(policy: IpFilterPolicy, ip: string): AuthResult | null {
    let f = this.ipFilters.get(policy);
    if (f === undefined) {
      f = compileFilter(policy);
      this.ipFilters.set(policy, f);
    }
    if (f === NO_FILTER) return null;
    if (f.deny !== null && f.deny.matches(ip)) {
      return forbidden('Requests from your address are not allowed on this API.');
    }
    if (f.allow !== null && !f.allow.matches(ip)) {
      return forbidden('Requests from your address are not allowed on this API.');
    }
    return null;
  }

  // --- API keys -------------------------------------------------------------------------------

  private apiKey(req: GatewayRequest, auth: AuthPolicy | undefined): MaybePromise<AuthResult> {
    const key = presentedKey(req, auth?.allowQueryKey === true);
    if (key === null) {
      const where = auth?.allowQueryKey
        ? 'X-API-Key header or api_key parameter'
        : 'X-API-Key header';
      return unauthorized('ApiKey', `An API key is required (${where}).`, false);
    }
    if (key.length > MAX_CREDENTIAL_LENGTH) {
      return unauthorized('ApiKey', 'The credential is not valid.', true);
    }
    const cache = this.credentials.cache;
    const hash = digest('k', key);
    const hit = cache.get(hash);
    if (hit !== undefined) return this.decide(hit, req, 'ApiKey');
    // Refusals that depend on the caller's address are cached per address.
    const ipHash = digest('k', `${key}\0${req.clientIp}`);
    const ipHit = cache.get(ipHash);
    if (ipHit !== undefined) return this.decide(ipHit, req, 'ApiKey');
    // Shared per key and address: a refusal for one address must not answer another's request.
    return cache
      .load(ipHash, () => this.loadKey(key, hash, ipHash, req.clientIp))
      .then(
        (answer) => this.decide(answer, req, 'ApiKey'),
        (err: unknown) => this.failed(err),
      );
  }

  private async loadKey(
    key: string,
    hash: string,
    ipHash: string,
    clientIp: string,
  ): Promise<CredentialAnswer> {
    const cache = this.credentials.cache;
    const generation = cache.generation;
    const reply = await this.credentials.verify({ type: 'apiKey', key, clientIp });
    if (!reply.valid) {
      const rejection: Rejection = { valid: false, reason: reply.reason };
      const perIp = reply.reason === 'ip_not_allowed' || reply.reason === 'locked_out';
      cache.set(perIp ? ipHash : hash, rejection, reply.cacheTtlSeconds * 1000, {}, generation);
      return rejection;
    }
    const cred = fromVerified(reply, 'apiKey');
    cache.set(hash, cred, ttlOf(reply), tagsOf(cred), generation);
    return cred;
  }

  // --- bearer tokens ----------------------------------------------------------------------------

  private bearer(req: GatewayRequest, type: 'jwt' | 'oauth2'): MaybePromise<AuthResult> {
    const token = bearerToken(req.headers.authorization);
    if (token === null) {
      return unauthorized('Bearer', 'A bearer token is required (Authorization: Bearer).', false);
    }
    if (
      token.length > MAX_CREDENTIAL_LENGTH ||
      (type === 'jwt' && !JwtVerifier.looksLikeJwt(token))
    ) {
      return unauthorized('Bearer', 'The access token is not valid.', true);
    }
    const cache = this.credentials.cache;
    const hash = digest(type === 'jwt' ? 'j' : 'o', token);
    const hit = cache.get(hash);
    if (hit !== undefined) return this.decide(hit, req, 'Bearer');
    const load =
      type === 'jwt' ? () => this.loadJwt(token, hash) : () => this.loadOpaque(token, hash);
    return cache.load(hash, load).then(
      (answer) => this.decide(answer, req, 'Bearer'),
      (err: unknown) => this.failed(err),
    );
  }

  private async loadJwt(token: string, hash: string): Promise<CredentialAnswer> {
    const cache = this.credentials.cache;
    const generation = cache.generation;
    const verified = await this.jwt.verify(token);
    if (!verified) return this.rejectToken(hash, 'invalid_token', generation);
    const claims = verified.claims;
    const jti = typeof claims.jti === 'string' ? claims.jti : null;
    if (this.credentials.isRevoked(jti)) return this.rejectToken(hash, 'revoked', generation);
    const expMs = (claims.exp ?? 0) * 1000;
    if (verified.issuer === 'external') {
      const cred = externalCredential(verified, jti);
      if (!cred) return this.rejectToken(hash, 'invalid_token', generation);
      cache.set(hash, cred, expMs - Date.now(), tagsOf(cred), generation);
      return cred;
    }
    return this.tokenOfClient(hash, generation, 'jwt', {
      clientId: claims['client_id'],
      tenantId: claims['tenant_id'],
      scope: claims['scope'],
      jti,
      expMs,
    });
  }

  private async loadOpaque(token: string, hash: string): Promise<CredentialAnswer> {
    const cache = this.credentials.cache;
    const generation = cache.generation;
    const info: TokenIntrospection = await this.credentials.introspect(token);
    if (!info.active) return this.rejectToken(hash, 'inactive', generation);
    const jti = info.jti ?? null;
    if (this.credentials.isRevoked(jti)) return this.rejectToken(hash, 'revoked', generation);
    return this.tokenOfClient(hash, generation, 'oauth2', {
      clientId: info.client_id,
      tenantId: info.tenant_id,
      scope: info.scope,
      jti,
      expMs: info.exp ? info.exp * 1000 : Date.now() + this.negativeTtlMs,
    });
  }

  /**
   * A token of one of consumer-management's OAuth clients: the client's standing, plan and
   * subscriptions come from `consumer.credentials.verify` (cached per client), the scopes and the
   * expiry from the token.
   */
  private async tokenOfClient(
    hash: string,
    generation: number,
    via: 'jwt' | 'oauth2',
    t: { clientId: unknown; tenantId: unknown; scope: unknown; jti: string | null; expMs: number },
  ): Promise<CredentialAnswer> {
    if (typeof t.clientId !== 'string' || typeof t.tenantId !== 'string') {
      return this.rejectToken(hash, 'invalid_token', generation);
    }
    const client = await this.clientAnswer(t.clientId);
    if (!client.valid) {
      return this.rejectToken(hash, client.reason, generation);
    }
    if (client.principal.tenantId !== t.tenantId) {
      return this.rejectToken(hash, 'invalid_token', generation);
    }
    const scopes = typeof t.scope === 'string' ? t.scope.split(' ').filter(Boolean) : [];
    const cred = fromVerified(client, via, { scopes, jti: t.jti });
    const ttl = Math.min(t.expMs - Date.now(), ttlOf(client));
    this.credentials.cache.set(hash, cred, ttl, tagsOf(cred), generation);
    return cred;
  }

  private clientAnswer(clientId: string): Promise<VerifyCredentialReply> {
    return this.credentials.verify({ type: 'oauthClient', clientId });
  }

  private rejectToken(
    hash: string,
    reason: Rejection['reason'],
    generation: number,
  ): CredentialAnswer {
    const rejection: Rejection = { valid: false, reason };
    this.credentials.cache.set(hash, rejection, this.negativeTtlMs, {}, generation);
    return rejection;
  }

  // --- decisions --------------------------------------------------------------------------------

  private decide(answer: CredentialAnswer, req: GatewayRequest, scheme: Scheme): AuthResult {
    if (!answer.valid) return refuse(answer, scheme);
    if (answer.jti !== null && this.credentials.isRevoked(answer.jti)) {
      return refuse({ valid: false, reason: 'revoked' }, scheme);
    }
    return authorise(answer, req, scheme);
  }

  private failed(err: unknown): AuthResult {
    // While consumer-management is unreachable every request fails: one line per 10 s is enough.
    const now = Date.now();
    if (now - this.lastWarn > 10_000) {
      this.lastWarn = now;
      this.logger.warn({ err: (err as Error).message }, 'credential check failed');
    }
    return unavailable('Credentials cannot be checked right now; try again shortly.');
  }
}

const EVERYONE: IpMatcher = { size: 0, matches: () => true };
const NOBODY: IpMatcher = { size: 0, matches: () => false };

function compileFilter(policy: IpFilterPolicy): CompiledIpFilter {
  if (policy.allow.length === 0 && policy.deny.length === 0) return NO_FILTER;
  // The registry validates these lists; one we cannot read fails closed (deny all, allow none).
  const compile = (list: string[], unreadable: IpMatcher): IpMatcher | null => {
    if (list.length === 0) return null;
    try {
      return compileIpMatcher(list);
    } catch {
      return unreadable;
    }
  };
  return { deny: compile(policy.deny, EVERYONE), allow: compile(policy.allow, NOBODY) };
}

function ttlOf(reply: { cacheTtlSeconds: number; expiresAt?: string | null }): number {
  let ttl = reply.cacheTtlSeconds * 1000;
  if (reply.expiresAt) ttl = Math.min(ttl, Date.parse(reply.expiresAt) - Date.now());
  return ttl;
}

function tagsOf(cred: Credential): { keyId: string | null; actorId: string; jti: string | null } {
  return { keyId: cred.keyId, actorId: cred.actorId, jti: cred.jti };
}

function externalCredential(
  v: VerifiedJwt & { issuer: 'external' },
  jti: string | null,
): Credential | null {
  const subject = v.claims[v.config.consumerClaim];
  if (typeof subject !== 'string' || subject.length === 0) return null;
  const raw = v.claims[v.config.scopeClaim];
  const scopes = Array.isArray(raw)
    ? raw.filter((s): s is string => typeof s === 'string')
    : typeof raw === 'string'
      ? raw.split(' ').filter(Boolean)
      : [];
  return compileCredential({
    tenantId: v.config.tenantId,
    consumerId: subject,
    actorId: subject,
    keyId: null,
    scopes,
    via: 'jwt',
    plan: null,
    subscriptions: [],
    allowedApis: null,
    allowedIps: null,
    jti,
  });
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `X-API-Key`, or `?api_key=` when the route allows it. */
function presentedKey(req: GatewayRequest, allowQuery: boolean): string | null {
  const header = first(req.headers['x-api-key']);
  if (header) return header;
  if (!allowQuery || req.query.length === 0 || !req.query.includes('api_key=')) return null;
  const value = new URLSearchParams(req.query).get('api_key');
  return value ? value : null;
}

function bearerToken(header: string | undefined): string | null {
  if (!header || header.length < 8) return null;
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  const token = header.slice(7).trim();
  return token.length > 0 ? token : null;
}
