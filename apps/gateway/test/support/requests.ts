import type { PlanLimits, PolicySet, VerifiedCredential } from '@portico/contracts';
import type { GatewayRequest, MatchedRoute } from '../../src/pipeline/contracts';

let seq = 0;

/** A matched route of tenant `ten_a` with the given policies. */
export function route(policies: PolicySet, over: Partial<MatchedRoute> = {}): MatchedRoute {
  return {
    tenantId: 'ten_a',
    apiId: 'api_orders',
    apiName: 'orders',
    version: 'v1',
    versionId: 'ver_orders_1',
    versionStatus: 'published',
    routeId: 'rte_list',
    method: 'GET',
    pathTemplate: '/v1/orders',
    params: {},
    policies,
    ...over,
  };
}

export function request(
  r: MatchedRoute,
  opts: { headers?: Record<string, string>; ip?: string; query?: string } = {},
): GatewayRequest {
  return {
    requestId: `req_${++seq}`,
    method: 'GET',
    path: r.pathTemplate,
    query: opts.query ?? '',
    headers: opts.headers ?? {},
    clientIp: opts.ip ?? '127.0.0.1',
    route: r,
    receivedAt: performance.now(),
  };
}

export const GOLD: PlanLimits = {
  planId: 'pln_gold',
  name: 'Gold',
  rateLimitPerMinute: 1000,
  quotaPerMonth: 100_000,
};

/** consumer-management's answer for a consumer's key. */
export function verified(
  over: Partial<VerifiedCredential> & {
    keyId?: string;
    consumerId?: string;
    scopes?: string[];
    tenantId?: string;
  } = {},
): VerifiedCredential {
  const { keyId = 'key_1', consumerId = 'con_1', scopes = [], tenantId = 'ten_a', ...rest } = over;
  return {
    valid: true,
    principal: {
      tenantId,
      role: 'consumer',
      actorId: consumerId,
      consumerId,
      keyId,
      scopes,
      via: 'apiKey',
    },
    plan: GOLD,
    allowedApis: null,
    allowedIps: null,
    subscriptions: [],
    subscriptionPlans: [],
    expiresAt: null,
    cacheTtlSeconds: 300,
    ...rest,
  };
}
