import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCloudEvent, DEFAULT_TENANT_ID } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import {
  CredentialsDouble,
  startTestApp,
  TEST_NATS_NAMESPACE,
  waitFor,
  type TestApp,
} from '@portico/testing';
import { request } from 'undici';
import { CachePurgeListener } from '../src/cache/cache-purge.listener';
import type { ResponseCacheService } from '../src/cache/response-cache.service';
import { RESPONSE_CACHE, type GatewayRequest } from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import { cacheRequest, cacheRoute, consumer } from './cache-support';

const ADMIN_KEY = 'pk_gateway_cache_admin_0001';

/**
 * A real upstream: counts the requests it serves; its answers vary with the path, `x-tier`
 * (announced in Vary) and whatever Cache-Control the test asks for with `?cc=`.
 */
function startUpstream(): Promise<{ server: Server; url: string; served: () => number }> {
  let served = 0;
  const server = createServer((req, res) => {
    served++;
    const url = new URL(req.url ?? '/', 'http://x');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const cc = url.searchParams.get('cc');
    if (cc) headers['cache-control'] = cc;
    if (url.pathname.startsWith('/tiered')) headers['vary'] = 'X-Tier';
    res.writeHead(200, headers);
    res.end(JSON.stringify({ path: url.pathname, tier: req.headers['x-tier'] ?? null, n: served }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        served: () => served,
      }),
    ),
  );
}

describe('gateway response cache (real upstream, real NATS)', () => {
  let app: TestApp;
  let cache: ResponseCacheService;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let nats: Messaging;
  let creds: CredentialsDouble;

  beforeAll(async () => {
    upstream = await startUpstream();
    creds = await CredentialsDouble.start();
    app = await startTestApp(gatewayService, {
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    });
    await app.waitUntilReady();
    cache = app.service.app.get<ResponseCacheService>(RESPONSE_CACHE);
    // Subscribing purges everything once (events may have been missed): let that happen first.
    await app.service.app.get(CachePurgeListener).subscribed;
    nats = await Messaging.connect({
      url: 'nats://127.0.0.1:4222',
      name: 'gateway-cache-test',
      namespace: TEST_NATS_NAMESPACE,
    });
  });
  afterAll(async () => {
    await nats?.close();
    await creds?.stop();
    await app?.close();
    upstream?.server.close();
  });

  /** What the data plane does around the proxy step: lookup, 304/HIT, or fetch and store. */
  async function viaCache(req: GatewayRequest, identity = consumer('con_a')) {
    const l = cache.lookup(req, identity);
    if (l.cacheable && l.hit) {
      if (cache.notModified(req, l.hit)) return { status: 304, xCache: 'HIT', etag: l.hit.etag };
      return { status: l.hit.status, xCache: 'HIT', body: l.hit.body.toString(), etag: l.hit.etag };
    }
    const res = await request(`${upstream.url}${req.path}${req.query ? `?${req.query}` : ''}`, {
      method: req.method as 'GET',
      headers: req.headers as Record<string, string>,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    const stored = l.cacheable
      ? cache.store(l.key, req, res.statusCode, flat(res.headers), body)
      : null;
    return { status: res.statusCode, xCache: 'MISS', body: body.toString(), etag: stored?.etag };
  }

  const route = cacheRoute({ cache: { ttlSeconds: 60, vary: [], perConsumer: false } });
  const get = (path: string, query = '', headers: IncomingHttpHeaders = {}) =>
    cacheRequest(route, { path, query, headers });

  it('answers MISS then HIT without reaching the upstream again, and 304 on If-None-Match', async () => {
    const before = upstream.served();
    const first = await viaCache(get('/cams/1', 'b=2&a=1'));
    expect(first).toMatchObject({ status: 200, xCache: 'MISS' });
    const second = await viaCache(get('/cams/1', 'a=1&b=2'));
    expect(second).toMatchObject({ status: 200, xCache: 'HIT', body: first.body });
    expect(upstream.served()).toBe(before + 1);

    const revalidated = await viaCache(get('/cams/1', 'a=1&b=2', { 'if-none-match': first.etag }));
    expect(revalidated).toEqual({ status: 304, xCache: 'HIT', etag: first.etag });
    const changed = await viaCache(get('/cams/1', 'a=1&b=2', { 'if-none-match': '"stale"' }));
    expect(changed.status).toBe(200);
    expect(upstream.served()).toBe(before + 1);
  });

  it("keys on the upstream's Vary header and honours its Cache-Control", async () => {
    await viaCache(get('/tiered/1', '', { 'x-tier': 'gold' }));
    expect(await viaCache(get('/tiered/1', '', { 'x-tier': 'gold' }))).toMatchObject({
      xCache: 'HIT',
    });
    const free = await viaCache(get('/tiered/1', '', { 'x-tier': 'free' }));
    expect(free).toMatchObject({ xCache: 'MISS' });
    expect(JSON.parse(free.body!)).toMatchObject({ tier: 'free' });

    for (const cc of ['no-store', 'private', 'no-cache']) {
      await viaCache(get('/cc', `cc=${cc}`));
      expect(await viaCache(get('/cc', `cc=${cc}`))).toMatchObject({ xCache: 'MISS' });
    }
    await viaCache(get('/cc', 'cc=max-age%3D30'));
    expect(await viaCache(get('/cc', 'cc=max-age%3D30'))).toMatchObject({ xCache: 'HIT' });
  });

  it("purges an API's entries on a registry event for it", async () => {
    const other = cacheRoute(route.policies, { apiId: 'api_other' });
    await viaCache(get('/cams/evt'));
    await viaCache(cacheRequest(other, { path: '/other/evt' }));
    expect(cache.lookup(get('/cams/evt'), null)).toMatchObject({ hit: expect.anything() });
    await nats.publishEvent(
      createCloudEvent({
        source: 'registry',
        type: 'registry.route.changed',
        tenantId: DEFAULT_TENANT_ID,
        data: { apiId: 'api_cams', name: 'cams', versionId: 'ver_1', version: 'v1', routeIds: [] },
      }),
    );
    await waitFor(
      () => cache.lookup(get('/cams/evt'), null).cacheable && !hitOf(get('/cams/evt')),
      {
        timeoutMs: 10_000,
        what: 'the registry event to purge api_cams',
      },
    );
    expect(hitOf(cacheRequest(other, { path: '/other/evt' }))).not.toBeNull();
  });

  it('purges through the admin endpoint, for admins of the tenant only', async () => {
    await viaCache(get('/cams/admin-1'));
    await viaCache(get('/cams/admin-2'));
    const admin = app.client.withHeaders({ 'x-api-key': ADMIN_KEY });

    expect((await app.client.delete('/api/v1/gateway/cache?api=api_cams')).status).toBe(401);
    const userKey = creds.addKey('pk_gateway_cache_user_0001', { role: 'user' });
    const asUser = await app.client.delete('/api/v1/gateway/cache?api=api_cams', {
      headers: { 'x-api-key': userKey },
    });
    expect(asUser.status).toBe(403);
    const otherAdmin = creds.addKey('pk_gateway_cache_other_0001', {
      role: 'admin',
      tenantId: 'ten_other',
    });
    const foreign = await app.client.delete('/api/v1/gateway/cache?api=api_cams', {
      headers: { 'x-api-key': otherAdmin },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.body.data).toEqual({ purged: 0 });
    expect(hitOf(get('/cams/admin-1'))).not.toBeNull();

    const bad = await admin.delete('/api/v1/gateway/cache?api=not%20an%20id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');

    const res = await admin.delete('/api/v1/gateway/cache?api=api_cams');
    expect(res.status).toBe(200);
    expect(res.body.data.purged).toBeGreaterThanOrEqual(2);
    expect(hitOf(get('/cams/admin-1'))).toBeNull();
    expect(hitOf(get('/cams/admin-2'))).toBeNull();
  });

  function hitOf(req: GatewayRequest) {
    const l = cache.lookup(req, null);
    return l.cacheable ? l.hit : null;
  }
});

function flat(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = v;
  return out;
}
