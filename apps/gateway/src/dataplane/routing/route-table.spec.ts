import type { RouteSnapshot, SnapshotVersion } from '@portico/contracts';
import { RouteTable } from './route-table';

const defaults = { timeoutMs: 30_000, bodyLimitBytes: 1024 };

function version(
  v: string,
  status: SnapshotVersion['status'],
  routes: Array<[string, string]>,
  extra: Partial<SnapshotVersion> = {},
): SnapshotVersion {
  return {
    versionId: `ver_${v}`,
    version: v,
    status,
    basePath: '/cameras',
    deprecatedAt: null,
    sunsetAt: null,
    successorVersion: null,
    upstream: { service: 'cams', loadBalancing: 'round-robin' },
    routes: routes.map(([method, path], i) => ({
      routeId: `rte_${v}_${i}`,
      method: method as 'GET',
      path,
      operationId: null,
      policies: {},
    })),
    ...extra,
  };
}

function table(versions: SnapshotVersion[]): RouteTable {
  const snapshot: RouteSnapshot = {
    revision: 7,
    generatedAt: new Date().toISOString(),
    apis: [{ tenantId: 'ten_a', apiId: 'api_cams', name: 'cams', versions }],
  };
  return new RouteTable(snapshot, defaults);
}

function routeOf(t: RouteTable, method: string, path: string, header?: string) {
  const m = t.match(method, path, header);
  return m.kind === 'route' ? m : null;
}

describe('RouteTable', () => {
  const t = table([
    version('v1', 'published', [
      ['GET', '/'],
      ['GET', '/{id}'],
      ['GET', '/{id}/frames/{frame}.jpg'],
      ['GET', '/search'],
    ]),
    version('v2', 'published', [
      ['GET', '/{id}'],
      ['ANY', '/{id}/config'],
      ['POST', '/'],
    ]),
    version('v3', 'deprecated', [['GET', '/{id}']]),
  ]);

  it('matches the version from the URL and strips it with the base path', () => {
    const m = routeOf(t, 'GET', '/v1/cameras/42', undefined)!;
    expect(m.route.base.version).toBe('v1');
    expect(m.route.base.pathTemplate).toBe('/v1/cameras/{id}');
    expect(m.params).toEqual(['id', '42']);
    expect(m.versionInUrl).toBe(true);
    expect('/v1/cameras/42'.slice(m.route.strip.withVersion)).toBe('/42');
  });

  it('prefers a literal segment over a parameter, and decodes parameters', () => {
    expect(routeOf(t, 'GET', '/v1/cameras/search')!.route.base.pathTemplate).toBe(
      '/v1/cameras/search',
    );
    expect(routeOf(t, 'GET', '/v1/cameras/a%20b')!.params).toEqual(['id', 'a b']);
  });

  it('matches parameters inside a segment', () => {
    expect(routeOf(t, 'GET', '/v1/cameras/7/frames/12.jpg')!.params).toEqual([
      'id',
      '7',
      'frame',
      '12',
    ]);
    expect(t.match('GET', '/v1/cameras/7/frames/12.png', undefined).kind).toBe('none');
  });

  it('takes the API-Version header when the URL has no version', () => {
    const m = routeOf(t, 'GET', '/cameras/9', 'v1')!;
    expect(m.route.base.version).toBe('v1');
    expect(m.versionInUrl).toBe(false);
    expect(t.match('GET', '/cameras/9', 'v9').kind).toBe('none');
  });

  it('answers with the newest published version when none is named', () => {
    expect(routeOf(t, 'GET', '/cameras/9')!.route.base.version).toBe('v2');
    // v2 (the default) has no /search, so no version answers it without a version.
    expect(t.match('GET', '/cameras/search', undefined).kind).toBe('none');
  });

  it('falls back from HEAD to GET and to ANY routes, and reports a path with other methods', () => {
    expect(routeOf(t, 'HEAD', '/v1/cameras/1')!.route.base.method).toBe('GET');
    expect(routeOf(t, 'DELETE', '/v2/cameras/1/config')!.route.base.method).toBe('ANY');
    const m = t.match('DELETE', '/v1/cameras/1', undefined);
    expect(m.kind).toBe('method');
    if (m.kind === 'method') expect(m.table.allow()).toBe('GET');
  });

  it('treats trailing and doubled slashes like the plain path', () => {
    expect(routeOf(t, 'GET', '/v1/cameras/')!.route.base.pathTemplate).toBe('/v1/cameras');
    expect(routeOf(t, 'GET', '/v1/cameras')!.route.base.pathTemplate).toBe('/v1/cameras');
    expect(routeOf(t, 'GET', '/v1//cameras/3')!.params).toEqual(['id', '3']);
  });

  it('does not match other paths', () => {
    expect(t.match('GET', '/v1/other/1', undefined).kind).toBe('none');
    expect(t.match('GET', '/', undefined).kind).toBe('none');
    expect(t.match('GET', '/v1/cameras/1/2/3', undefined).kind).toBe('none');
  });

  it('precomputes deprecation and retirement answers', () => {
    const t2 = table([
      version('v1', 'retired', [['GET', '/{id}']], { successorVersion: 'v2' }),
      version('v2', 'deprecated', [['GET', '/{id}']], {
        deprecatedAt: '2026-01-01T00:00:00.000Z',
        sunsetAt: '2027-01-01T00:00:00.000Z',
        successorVersion: 'v3',
        basePath: '/cams/',
      }),
      version('v3', 'published', [['GET', '/{id}']], { basePath: '/cams' }),
    ]);
    const retired = routeOf(t2, 'GET', '/v1/cameras/1')!.route;
    expect(retired.retired).toEqual({ successor: 'v2', link: '/v2/cams' });
    const deprecated = routeOf(t2, 'GET', '/v2/cams/1')!.route;
    expect(deprecated.versionHeaders).toEqual([
      ['deprecation', `@${Date.parse('2026-01-01T00:00:00Z') / 1000}`],
      ['sunset', 'Fri, 01 Jan 2027 00:00:00 GMT'],
      ['link', '</v3/cams>; rel="successor-version"'],
    ]);
    expect(routeOf(t2, 'GET', '/cams/1')!.route.base.version).toBe('v3');
  });

  it('compiles retries, timeouts and transforms from the policies', () => {
    const v = version('v1', 'published', [['GET', '/x']]);
    v.routes[0]!.policies = {
      timeoutMs: 500,
      retry: { maxAttempts: 2 },
      requestSizeLimitBytes: 10,
      transform: {
        request: {
          pathPrefix: '/internal/',
          headers: { add: { 'X-A': '1' }, remove: ['X-B'], rename: { 'X-C': 'X-D' } },
        },
      },
    };
    const r = routeOf(table([v]), 'GET', '/v1/cameras/x')!.route;
    expect(r.timeoutMs).toBe(500);
    expect(r.idempotentAttempts).toBe(2);
    expect(r.sizeLimit).toBe(10);
    expect(r.upstreamPrefix).toBe('/internal');
    expect(r.requestHeaders).toEqual({
      remove: ['x-b'],
      rename: [['x-c', 'x-d']],
      add: [['x-a', '1']],
    });
    expect(r.breaker).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 60_000 });
  });
});
