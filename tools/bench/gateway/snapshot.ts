import type { RouteSnapshot } from '@portico/contracts';

/** The route table of the benchmarks: `/v1/bench/plain` (no policies) and `/v1/bench/guarded`. */
export function benchSnapshot(upstreamUrl: string): RouteSnapshot {
  const route = (
    routeId: string,
    p: string,
    policies: RouteSnapshot['apis'][0]['versions'][0]['routes'][0]['policies'],
  ) => ({
    routeId,
    method: 'GET' as const,
    path: p,
    operationId: null,
    policies,
  });
  return {
    revision: 1,
    generatedAt: new Date().toISOString(),
    apis: [
      {
        tenantId: 'ten_default',
        apiId: 'api_bench',
        name: 'bench',
        versions: [
          {
            versionId: 'ver_bench_v1',
            version: 'v1',
            status: 'published',
            basePath: '/bench',
            deprecatedAt: null,
            sunsetAt: null,
            successorVersion: null,
            upstream: {
              targets: [{ url: upstreamUrl, weight: 100 }],
              loadBalancing: 'round-robin',
            },
            routes: [
              route('rte_bench_plain', '/plain', {
                auth: {
                  type: 'none',
                  scopes: [],
                  allowQueryKey: false,
                  requireSubscription: false,
                },
              }),
              route('rte_bench_guarded', '/guarded', {
                auth: {
                  type: 'apiKey',
                  scopes: [],
                  allowQueryKey: false,
                  requireSubscription: false,
                },
                rateLimit: { requests: 1_000_000_000, windowSeconds: 60, scope: 'consumer' },
              }),
            ],
          },
        ],
      },
    ],
  };
}
