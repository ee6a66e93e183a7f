import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { newUlid, type TokenIntrospection } from '@portico/contracts';
import { InjectConfig, InjectLogger } from '@portico/platform';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Logger } from 'pino';
import { Outbox } from '../common/outbox.service';
import type { ConsumerManagementConfig } from '../config';
import type { ClientForAuth } from './oauth-clients.repository';
import { OAuthClientsRepository } from './oauth-clients.repository';
import { SigningKeys } from './signing-keys.service';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Claims of our access tokens (RFC 9068 plus the tenant and consumer). */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
  tenant_id: string;
  consumer_id: string;
}

const INACTIVE: TokenIntrospection = { active: false };
const PURGE_EVERY_MS = 3_600_000;

/** Issues, introspects and revokes JWT access tokens (RFC 9068, ES256). */
@Injectable()
export class TokensService implements OnApplicationBootstrap, OnApplicationShutdown {
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keys: SigningKeys,
    private readonly repo: OAuthClientsRepository,
    private readonly outbox: Outbox,
    @InjectConfig() private readonly config: ConsumerManagementConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.purgeTimer = setInterval(() => {
      this.repo
        .purgeExpiredRevocations(new Date())
        .catch((err: unknown) => this.logger.warn({ err }, 'purging revoked tokens failed'));
    }, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  async issue(client: ClientForAuth, scopes: readonly string[]): Promise<TokenResponse> {
    const { kid, key } = await this.keys.current();
    const ttl = this.config.OAUTH_ACCESS_TOKEN_TTL_SECONDS;
    const scope = scopes.join(' ');
    const token = await new SignJWT({
      client_id: client.id,
      scope,
      tenant_id: client.tenantId,
      consumer_id: client.consumerId,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(this.config.OAUTH_ISSUER)
      .setAudience(this.config.OAUTH_AUDIENCE)
      // RFC 9068 §2.2: without a resource owner, `sub` names the client.
      .setSubject(client.id)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .setJti(newUlid())
      .sign(key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope };
  }

  /** The claims of a token we signed that has not expired; null for anything else. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = await this.keys.verificationKey(header.kid);
          if (!key) throw new Error('unknown kid');
          return key;
        },
        {
          issuer: this.config.OAUTH_ISSUER,
          audience: this.config.OAUTH_AUDIENCE,
          algorithms: ['ES256'],
          typ: 'at+jwt',
          requiredClaims: ['exp', 'iat', 'jti', 'sub'],
        },
      );
      const claims = payload as AccessTokenClaims;
      if (typeof claims.client_id !== 'string' || typeof claims.tenant_id !== 'string') return null;
      return claims;
    } catch {
      return null;
    }
  }

  /** RFC 7662: active only while the token verifies, is unrevoked, and its client stands. */
  async introspect(token: string): Promise<TokenIntrospection> {
    const claims = await this.verify(token);
    if (!claims) return INACTIVE;
    const state = await this.repo.tokenState(claims.client_id, claims.jti);
    if (
      !state ||
      state.revoked ||
      state.clientStatus !== 'active' ||
      state.consumerStatus !== 'approved' ||
      state.tenantStatus !== 'active'
    ) {
      return INACTIVE;
    }
    return {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      exp: claims.exp,
      iat: claims.iat,
      iss: claims.iss,
      aud: claims.aud,
      jti: claims.jti,
      token_type: 'Bearer',
      tenant_id: claims.tenant_id,
      consumer_id: claims.consumer_id,
    };
  }

  /**
   * RFC 7009. Tokens that are invalid or expired need nothing; a token of another client is
   * refused (`false`).
   */
  async revoke(token: string, callerClientId: string): Promise<boolean> {
    const claims = await this.verify(token);
    if (!claims) return true;
    if (claims.client_id !== callerClientId) return false;
    await this.outbox.transaction(async (tx, emit) => {
      const expiresAt = new Date(claims.exp * 1000);
      const inserted = await this.repo.insertRevoked(tx, {
        jti: claims.jti,
        tenantId: claims.tenant_id,
        clientId: claims.client_id,
        expiresAt,
      });
      if (inserted) {
        await emit('consumer.token.revoked', claims.tenant_id, claims.jti, {
          jti: claims.jti,
          clientId: claims.client_id,
          expiresAt: expiresAt.toISOString(),
        });
      }
    });
    return true;
  }
}
