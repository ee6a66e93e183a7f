import type { PolicySet } from '@portico/contracts';
import type { CallerIdentity, GatewayRequest, MatchedRoute } from '../src/pipeline/contracts';

/** A matched route and request as the data plane hands them to the cache (for specs). */
export function cacheRoute(policies: PolicySet, over: Partial<MatchedRoute> = {}): MatchedRoute {
  return {
    tenantId: 'ten_default',
    apiId: 'api_cams',
    apiName: 'cams',
    version: 'v1',
    versionId: 'ver_1',
    versionStatus: 'published',
    routeId: 'rte_1',
    method: 'GET',
    pathTemplate: '/v1/cams/{id}',
    params: {},
    policies,
    ...over,
  };
}

export function cacheRequest(
  route: MatchedRoute,
  over: Partial<Omit<GatewayRequest, 'route'>> = {},
): GatewayRequest {
  return {
    requestId: 'req_1',
    method: 'GET',
    path: '/v1/cams/1',
    query: '',
    headers: {},
    clientIp: '127.0.0.1',
    route,
    receivedAt: 0,
    ...over,
  };
}

export function consumer(consumerId: string): CallerIdentity {
  return {
    tenantId: 'ten_default',
    consumerId,
    keyId: `key_${consumerId}`,
    scopes: [],
    planId: null,
    rateLimitPerMinute: null,
    quotaPerMonth: null,
    via: 'apiKey',
  };
}
