import { Injectable } from '@nestjs/common';
import type { Discovery } from '@portico/discovery';
import type { LoggerLike as Logger } from '@portico/contracts';
import { InjectConfig, InjectDiscovery, InjectLogger } from '@portico/platform';
import {
  createRemoteJWKSet,
  decodeJwt,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { GatewayConfig } from '../config';
import type { ExternalIssuer } from './config';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export type VerifiedJwt =
  | { issuer: 'portico'; claims: JWTPayload }
  | { issuer: 'external'; config: ExternalIssuer; claims: JWTPayload };

interface IssuerEntry {
  audience: string | string[];
  algorithms: string[];
  typ?: string;
  keys: () => Promise<JWTVerifyGetKey>;
  result: (claims: JWTPayload) => VerifiedJwt;
}

/**
 * Verifies bearer JWTs against the JWK Set of the issuer they name: consumer-management's (found
 * through config or discovery) or a configured external one. The `iss` claim only picks the key set
 * and the rules; the signature, the `alg` allow-list, `aud`, `exp` and `nbf` then decide.
 */
@Injectable()
export class JwtVerifier {
  private readonly issuers = new Map<string, IssuerEntry>();
  private readonly skew: number;

  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    @InjectDiscovery() private readonly discovery: Discovery,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.skew = config.GATEWAY_JWT_CLOCK_SKEW_SECONDS;
    this.issuers.set(config.GATEWAY_JWT_PORTICO_ISSUER, {
      audience: config.GATEWAY_JWT_PORTICO_AUDIENCE,
      algorithms: config.GATEWAY_JWT_PORTICO_ALGORITHMS,
      typ: 'at+jwt',
      keys: lazy(async () => remoteKeys(await this.porticoJwksUrl())),
      result: (claims) => ({ issuer: 'portico', claims }),
    });
    for (const ext of config.GATEWAY_JWT_ISSUERS) {
      this.issuers.set(ext.issuer, {
        audience: ext.audience,
        algorithms: ext.algorithms,
        keys: lazy(() => Promise.resolve(remoteKeys(ext.jwksUri))),
        result: (claims) => ({ issuer: 'external', config: ext, claims }),
      });
    }
  }

  static looksLikeJwt(token: string): boolean {
    return JWT_SHAPE.test(token);
  }

  /** The verified token, or null for anything that does not verify (never throws for bad input). */
  async verify(token: string): Promise<VerifiedJwt | null> {
    if (!JWT_SHAPE.test(token)) return null;
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return null;
    }
    const entry = iss === undefined ? undefined : this.issuers.get(iss);
    if (!entry) return null;
    try {
      const { payload } = await jwtVerify(token, await entry.keys(), {
        issuer: iss,
        audience: entry.audience,
        algorithms: entry.algorithms,
        clockTolerance: this.skew,
        requiredClaims: ['exp'],
        ...(entry.typ ? { typ: entry.typ } : {}),
      });
      return entry.result(payload);
    } catch (err) {
      this.logger.debug({ err: (err as Error).message, iss }, 'bearer token refused');
      return null;
    }
  }

  private async porticoJwksUrl(): Promise<string> {
    const configured = this.config.GATEWAY_JWT_PORTICO_JWKS_URL;
    if (configured) return configured;
    // Consul knows where consumer-management really runs; static mode only guesses default ports,
    // so there the issuer (consumer-management's own URL, RFC 8414) is the better address.
    if (this.discovery.mode === 'consul') {
      const instances = await this.discovery.resolve('consumer-management').catch(() => []);
      if (instances[0]) return `${instances[0].url}/.well-known/jwks.json`;
    }
    return `${this.config.GATEWAY_JWT_PORTICO_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`;
  }
}

function remoteKeys(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    timeoutDuration: 5_000,
    // A token with an unknown kid refetches at most this often: forged kids cannot flood the IdP.
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
  });
}

/** Resolves once and remembers; a failure is forgotten so the next call tries again. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= make().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}
