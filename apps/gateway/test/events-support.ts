import type { RequestEvent } from '@portico/contracts';

/** A complete request event (for specs); ids are unique per tenant and index. */
export function requestEvent(i: number, tenantId = 'ten_a'): RequestEvent {
  return {
    requestId: `req_${tenantId}_${i}`,
    time: new Date(1_795_000_000_000 + i).toISOString(),
    tenantId,
    apiId: 'api_1',
    apiName: 'one',
    version: 'v1',
    routeId: 'rte_1',
    method: 'GET',
    pathTemplate: '/v1/one',
    path: '/v1/one',
    status: 200,
    upstreamInstance: '127.0.0.1:1',
    latencyMs: 1.5,
    upstreamLatencyMs: 1,
    gatewayLatencyMs: 0.5,
    bytesIn: 0,
    bytesOut: 10,
    consumerId: null,
    keyId: null,
    planId: null,
    quotaPerMonth: null,
    clientIp: '127.0.0.1',
    errorCode: null,
    cacheStatus: null,
  };
}
