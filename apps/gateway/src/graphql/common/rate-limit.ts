import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@portico/contracts';
import { InjectConfig } from '@portico/platform';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import {
  type CallerIdentity,
  type GatewayRequest,
  type MatchedRoute,
  REQUEST_LIMITER,
  type RequestLimiter,
} from '../../pipeline/contracts';
import type { GraphqlConfig } from '../config';

/** The header names the limiter answers with, as they go on the wire. */
type Headers = Record<string, string>;

/**
 * `/graphql` through the gateway's own limiter (the same store as REST: Redis when configured, so
 * gateway instances share one count): every HTTP request is one request of the caller, counted per
 * consumer (else per key or user, else per client address) in a sliding window. The cost budget
 * (limits.ts) comes on top: it weighs what one request asks for, this counts how often.
 */
@Injectable()
export class GraphRateLimit {
  private readonly route: MatchedRoute | null;
  /** One identity per principal object, so the limiter's per-caller cache applies. */
  private readonly identities = new WeakMap<Principal, CallerIdentity>();

  constructor(
    @Inject(REQUEST_LIMITER) private readonly limiter: RequestLimiter,
    @InjectConfig() config: GraphqlConfig,
  ) {
    const requests = config.GATEWAY_GRAPHQL_RATE_LIMIT;
    this.route =
      requests > 0
        ? {
            tenantId: '',
            apiId: 'portico:graphql',
            apiName: 'graphql',
            version: 'graphql',
            versionId: 'portico:graphql',
            versionStatus: 'published',
            routeId: 'portico:graphql',
            method: 'ANY',
            pathTemplate: '/graphql',
            params: {},
            policies: {
              rateLimit: {
                requests,
                windowSeconds: config.GATEWAY_GRAPHQL_RATE_LIMIT_WINDOW_SECONDS,
                scope: 'consumer',
              },
            },
          }
        : null;
  }

  /**
   * Counts one request; resolves with the RateLimit-* headers for the response, or throws the
   * refusal (429 RATE_LIMITED with Retry-After, or 503 when the store is down and fails closed).
   */
  async check(principal: Principal | null, clientIp: string, requestId: string): Promise<Headers> {
    if (this.route === null) return {};
    const req: GatewayRequest = {
      requestId,
      method: 'POST',
      path: '/graphql',
      query: '',
      headers: {},
      clientIp,
      route: this.route,
      receivedAt: 0,
    };
    const decision = await this.limiter.check(req, principal ? this.identityOf(principal) : null);
    if (decision.allowed) return decision.headers;
    throw new GraphQLError(decision.message, {
      extensions: {
        code: decision.code,
        http: {
          status: decision.status,
          headers: new Map(Object.entries(decision.headers).map(([k, v]) => [k.toLowerCase(), v])),
        },
      },
    });
  }

  private identityOf(p: Principal): CallerIdentity {
    let identity = this.identities.get(p);
    if (identity === undefined) {
      identity = {
        tenantId: p.tenantId,
        consumerId: p.consumerId,
        // Users and admins have no consumer: their own id (within the tenant) is the caller.
        keyId: p.keyId ?? `${p.tenantId}/${p.actorId}`,
        scopes: p.scopes,
        // The management graph is not metered against an API plan.
        planId: null,
        rateLimitPerMinute: null,
        quotaPerMonth: null,
        via: p.via === 'jwt' ? 'jwt' : 'apiKey',
      };
      this.identities.set(p, identity);
    }
    return identity;
  }
}

type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** Puts the RateLimit-* headers the context collected on every /graphql response. */
export function rateLimitHeaders(): Plugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const headers = (contextValue as { rateLimitHeaders?: Headers }).rateLimitHeaders;
          if (!headers) return;
          for (const k in headers) response.http.headers.set(k.toLowerCase(), headers[k]!);
        },
      };
    },
  };
}
