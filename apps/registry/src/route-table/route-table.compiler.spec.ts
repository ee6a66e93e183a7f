import { RouteSnapshotSchema } from '@portico/contracts';
import { compileSnapshot, type ServedVersion } from './route-table.compiler';

const at = (s: string) => new Date(s);

function version(over: Partial<ServedVersion>): ServedVersion {
  return {
    id: 'ver_1',
    tenantId: 'ten_a',
    apiId: 'api_1',
    version: 'v1',
    status: 'published',
    basePath: '/cams',
    upstream: { service: 'cams', loadBalancing: 'round-robin' },
    policies: {},
    openapi: null,
    publishedAt: at('2030-01-01T00:00:00Z'),
    deprecatedAt: null,
    sunsetAt: null,
    retiredAt: null,
    successorVersion: null,
    createdAt: at('2030-01-01T00:00:00Z'),
    updatedAt: at('2030-01-01T00:00:00Z'),
    api: { id: 'api_1', tenantId: 'ten_a', name: 'cams' },
    routes: [],
    ...over,
  };
}

const route = (id: string, method: string, path: string, policies: object = {}) => ({
  id,
  tenantId: 'ten_a',
  versionId: 'ver_1',
  method,
  path,
  pathKey: path,
  operationId: null,
  summary: null,
  parameters: [],
  policies,
  createdAt: at('2030-01-01T00:00:00Z'),
  updatedAt: at('2030-01-01T00:00:00Z'),
});

describe('compileSnapshot', () => {
  it('groups versions per API, oldest first, with effective policies per route', () => {
    const snapshot = compileSnapshot(
      42,
      [
        version({
          id: 'ver_2',
          version: 'v2',
          createdAt: at('2030-02-01T00:00:00Z'),
          policies: { timeoutMs: 1000, cache: { ttlSeconds: 60, vary: [], perConsumer: false } },
          routes: [
            route('rte_b', 'POST', '/x', { cache: { ttlSeconds: 1, vary: [], perConsumer: true } }),
            route('rte_a', 'GET', '/x'),
          ],
        }),
        version({
          status: 'deprecated',
          deprecatedAt: at('2030-03-01T00:00:00Z'),
          sunsetAt: at('2031-01-01T00:00:00Z'),
          successorVersion: 'v2',
        }),
      ],
      at('2030-04-01T00:00:00Z'),
    );
    expect(RouteSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.revision).toBe(42);
    expect(snapshot.apis).toHaveLength(1);
    const [v1, v2] = snapshot.apis[0]!.versions;
    expect(v1).toMatchObject({
      version: 'v1',
      status: 'deprecated',
      sunsetAt: '2031-01-01T00:00:00.000Z',
      successorVersion: 'v2',
    });
    expect(v2!.routes.map((r) => r.routeId)).toEqual(['rte_a', 'rte_b']);
    expect(v2!.routes[0]!.policies).toEqual({
      timeoutMs: 1000,
      cache: { ttlSeconds: 60, vary: [], perConsumer: false },
    });
    expect(v2!.routes[1]!.policies).toEqual({
      timeoutMs: 1000,
      cache: { ttlSeconds: 1, vary: [], perConsumer: true },
    });
  });
});
