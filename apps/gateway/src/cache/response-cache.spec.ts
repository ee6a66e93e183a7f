import { MetricsService } from '@portico/platform';
import { cacheRequest, cacheRoute, consumer } from '../../test/cache-support';
import { parseCacheControl } from './cache-control';
import { normaliseQuery } from './cache-key';
import { ResponseCacheService } from './response-cache.service';

const json = { 'content-type': 'application/json' };

function makeCache(
  over: Partial<ConstructorParameters<typeof ResponseCacheService>[0]> = {},
  metrics = new MetricsService('gateway-cache-spec'),
) {
  return new ResponseCacheService(
    {
      GATEWAY_CACHE_MAX_ENTRIES: 1000,
      GATEWAY_CACHE_MAX_BYTES: 64 * 1024 * 1024,
      GATEWAY_CACHE_MAX_ENTRY_BYTES: 1024 * 1024,
      ...over,
    },
    metrics,
  );
}

/** What the data plane does on a miss: store the upstream answer under the lookup's key. */
function fill(
  cache: ResponseCacheService,
  req: ReturnType<typeof cacheRequest>,
  headers: Record<string, string | string[]> = json,
  status = 200,
  body = Buffer.from('{"ok":true}'),
  identity: ReturnType<typeof consumer> | null = null,
) {
  const l = cache.lookup(req, identity);
  if (!l.cacheable) throw new Error('not cacheable');
  return cache.store(l.key, req, status, headers, body);
}

function hit(
  cache: ResponseCacheService,
  req: ReturnType<typeof cacheRequest>,
  identity: ReturnType<typeof consumer> | null = null,
) {
  const l = cache.lookup(req, identity);
  return l.cacheable ? l.hit : undefined;
}

describe('ResponseCacheService', () => {
  const route = cacheRoute({ cache: { ttlSeconds: 60, vary: [], perConsumer: false } });

  it('caches GET/HEAD only on routes with a cache policy', async () => {
    const metrics = new MetricsService('gateway-cache-spec');
    const cache = makeCache({}, metrics);
    expect(cache.lookup(cacheRequest(cacheRoute({})), null)).toEqual({ cacheable: false });
    expect(cache.lookup(cacheRequest(route, { method: 'POST' }), null)).toEqual({
      cacheable: false,
    });
    expect(cache.lookup(cacheRequest(route), null)).toMatchObject({ cacheable: true, hit: null });
    expect(fill(cache, cacheRequest(route))).not.toBeNull();
    expect(hit(cache, cacheRequest(route))?.body.toString()).toBe('{"ok":true}');
    // HEAD is answered from what a GET stored (the responder sends the headers only).
    expect(hit(cache, cacheRequest(route, { method: 'HEAD' }))?.status).toBe(200);
    const text = await metrics.render();
    expect(text).toMatch(/portico_gateway_cache_lookups_total\{result="hit"[^}]*\} 2\b/);
    expect(text).toMatch(/portico_gateway_cache_lookups_total\{result="miss"[^}]*\} 2\b/);
    expect(text).toMatch(/portico_gateway_cache_entries\{[^}]*\} 1\b/);
  });

  it('keys on the API version: the same path under another version (API-Version header) misses', () => {
    const cache = makeCache();
    const policies = { cache: { ttlSeconds: 60, vary: [], perConsumer: false } };
    const v1 = cacheRoute(policies, { version: 'v1', versionId: 'ver_1' });
    const v2 = cacheRoute(policies, { version: 'v2', versionId: 'ver_2' });
    fill(cache, cacheRequest(v1), json, 200, Buffer.from('"v1"'));
    expect(hit(cache, cacheRequest(v2))).toBeNull();
    fill(cache, cacheRequest(v2), json, 200, Buffer.from('"v2"'));
    expect(hit(cache, cacheRequest(v1))?.body.toString()).toBe('"v1"');
    expect(hit(cache, cacheRequest(v2))?.body.toString()).toBe('"v2"');
  });

  it('keys on the normalised query: parameter order does not matter, values do', () => {
    const cache = makeCache();
    fill(cache, cacheRequest(route, { query: 'b=2&a=1' }));
    expect(hit(cache, cacheRequest(route, { query: 'a=1&b=2' }))).not.toBeNull();
    expect(hit(cache, cacheRequest(route, { query: 'a=1&b=3' }))).toBeNull();
    expect(normaliseQuery('b=2&a=1&a=0&&c')).toBe('a=1&a=0&b=2&c');
  });

  it("keys on the policy's vary headers and on the upstream's Vary", () => {
    const cache = makeCache();
    const varyRoute = cacheRoute({
      cache: { ttlSeconds: 60, vary: ['Accept-Language'], perConsumer: false },
    });
    fill(cache, cacheRequest(varyRoute, { headers: { 'accept-language': 'fr' } }));
    expect(hit(cache, cacheRequest(varyRoute, { headers: { 'accept-language': 'fr' } }))).not.toBe(
      null,
    );
    expect(hit(cache, cacheRequest(varyRoute, { headers: { 'accept-language': 'de' } }))).toBe(
      null,
    );

    fill(cache, cacheRequest(route, { headers: { 'x-tier': 'gold' } }), {
      ...json,
      vary: 'X-Tier',
    });
    expect(hit(cache, cacheRequest(route, { headers: { 'x-tier': 'gold' } }))).not.toBeNull();
    expect(hit(cache, cacheRequest(route, { headers: { 'x-tier': 'free' } }))).toBeNull();
    expect(fill(cache, cacheRequest(route, { path: '/v1/cams/9' }), { vary: '*' })).toBeNull();
  });

  it('keys per consumer when the policy says so', () => {
    const cache = makeCache();
    const mine = cacheRoute({ cache: { ttlSeconds: 60, vary: [], perConsumer: true } });
    fill(cache, cacheRequest(mine), json, 200, Buffer.from('alice'), consumer('con_a'));
    expect(hit(cache, cacheRequest(mine), consumer('con_a'))?.body.toString()).toBe('alice');
    expect(hit(cache, cacheRequest(mine), consumer('con_b'))).toBeNull();
    // Without perConsumer, everyone shares the entry.
    fill(cache, cacheRequest(route), json, 200, Buffer.from('shared'), consumer('con_a'));
    expect(hit(cache, cacheRequest(route), consumer('con_b'))?.body.toString()).toBe('shared');
  });

  it('honours the upstream Cache-Control: no-store, no-cache, private, max-age, s-maxage', () => {
    const cache = makeCache();
    const req = cacheRequest(route);
    expect(fill(cache, req, { 'cache-control': 'no-store' })).toBeNull();
    expect(fill(cache, req, { 'cache-control': 'no-cache' })).toBeNull();
    expect(fill(cache, req, { 'cache-control': 'private, max-age=60' })).toBeNull();
    expect(fill(cache, req, { 'set-cookie': 'sid=1' })).toBeNull();
    expect(fill(cache, req, { 'cache-control': 'max-age=0' })).toBeNull();
    expect(hit(cache, req)).toBeNull();

    const short = fill(cache, req, { 'cache-control': 'public, max-age=5' })!;
    expect(short.expiresAt - short.storedAt).toBe(5000);
    const shared = fill(cache, req, { 'cache-control': 'max-age=1, s-maxage=7' })!;
    expect(shared.expiresAt - shared.storedAt).toBe(7000);
    // max-age never raises the route's TTL.
    const capped = fill(cache, req, { 'cache-control': 'max-age=999999' })!;
    expect(capped.expiresAt - capped.storedAt).toBe(60_000);

    const mine = cacheRoute({ cache: { ttlSeconds: 60, vary: [], perConsumer: true } });
    const id = consumer('con_a');
    expect(
      fill(cache, cacheRequest(mine), { 'cache-control': 'private' }, 200, Buffer.from('x'), id),
    ).not.toBeNull();
    expect(parseCacheControl('No-Store, MAX-AGE="30"')).toEqual({
      noStore: true,
      noCache: false,
      private: false,
      maxAgeSeconds: 30,
    });
  });

  it('stores only cacheable statuses', () => {
    const cache = makeCache();
    for (const s of [200, 203, 204, 301, 404, 410]) {
      expect(fill(cache, cacheRequest(route, { path: `/s/${s}` }), json, s)).not.toBeNull();
    }
    for (const s of [201, 302, 304, 400, 401, 429, 500, 503]) {
      expect(fill(cache, cacheRequest(route, { path: `/s/${s}` }), json, s)).toBeNull();
    }
  });

  it("generates a strong ETag from the body, keeps the upstream's, and answers If-None-Match", () => {
    const cache = makeCache();
    const a = fill(cache, cacheRequest(route, { path: '/a' }))!;
    const b = fill(cache, cacheRequest(route, { path: '/b' }))!;
    const c = fill(cache, cacheRequest(route, { path: '/c' }), json, 200, Buffer.from('other'))!;
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(a.headers['etag']).toBe(a.etag);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
    const up = fill(cache, cacheRequest(route, { path: '/d' }), { etag: 'W/"v7"' })!;
    expect(up.etag).toBe('W/"v7"');

    const ifNone = (v: string) => cacheRequest(route, { headers: { 'if-none-match': v } });
    expect(cache.notModified(ifNone(a.etag), a)).toBe(true);
    expect(cache.notModified(ifNone(`"x", W/${a.etag}`), a)).toBe(true);
    expect(cache.notModified(ifNone('*'), a)).toBe(true);
    expect(cache.notModified(ifNone('"x"'), a)).toBe(false);
    expect(cache.notModified(cacheRequest(route), a)).toBe(false);
    expect(cache.notModified(ifNone('"v7"'), up)).toBe(true);

    const head = cacheRequest(route, { method: 'HEAD', path: '/h' });
    expect(fill(cache, head, json, 200, Buffer.alloc(0))).toBeNull();
    expect(fill(cache, head, { ...json, etag: '"h1"' }, 200, Buffer.alloc(0))?.etag).toBe('"h1"');
  });

  it('does not replay hop-by-hop headers', () => {
    const cache = makeCache();
    const e = fill(cache, cacheRequest(route), {
      ...json,
      Connection: 'keep-alive',
      'Transfer-Encoding': 'chunked',
      'X-Custom': 'y',
    })!;
    expect(e.headers).toEqual({
      'content-type': 'application/json',
      'x-custom': 'y',
      etag: e.etag,
    });
  });

  it('evicts the least recently used entry at the entry bound', () => {
    const cache = makeCache({ GATEWAY_CACHE_MAX_ENTRIES: 3 });
    for (const p of ['/1', '/2', '/3']) fill(cache, cacheRequest(route, { path: p }));
    expect(hit(cache, cacheRequest(route, { path: '/1' }))).not.toBeNull(); // /2 is now oldest
    fill(cache, cacheRequest(route, { path: '/4' }));
    expect(cache.stats).toMatchObject({ entries: 3, evictions: 1 });
    expect(hit(cache, cacheRequest(route, { path: '/2' }))).toBeNull();
    for (const p of ['/1', '/3', '/4']) {
      expect(hit(cache, cacheRequest(route, { path: p }))).not.toBeNull();
    }
  });

  it('evicts by bytes too, and never stores a body over the entry limit', () => {
    const cache = makeCache({ GATEWAY_CACHE_MAX_BYTES: 4096, GATEWAY_CACHE_MAX_ENTRY_BYTES: 2000 });
    const kb = Buffer.alloc(1500, 'a');
    for (const p of ['/1', '/2', '/3'])
      fill(cache, cacheRequest(route, { path: p }), json, 200, kb);
    expect(cache.stats.entries).toBe(2);
    expect(cache.stats.bytes).toBeLessThanOrEqual(4096);
    expect(hit(cache, cacheRequest(route, { path: '/1' }))).toBeNull();
    expect(
      fill(cache, cacheRequest(route, { path: '/big' }), json, 200, Buffer.alloc(2001)),
    ).toBeNull();
  });

  it('purges by API, by tenant and entirely', () => {
    const cache = makeCache();
    const other = cacheRoute(route.policies, { apiId: 'api_other' });
    const otherTenant = cacheRoute(route.policies, { tenantId: 'ten_b' });
    fill(cache, cacheRequest(route, { path: '/1' }));
    fill(cache, cacheRequest(route, { path: '/2' }));
    fill(cache, cacheRequest(other, { path: '/3' }));
    fill(cache, cacheRequest(otherTenant, { path: '/4' }));
    expect(cache.purgeForTenant('ten_b', 'api_other')).toBe(0);
    expect(cache.purgeApi('api_cams')).toBe(3);
    expect(hit(cache, cacheRequest(other, { path: '/3' }))).not.toBeNull();
    expect(cache.purgeForTenant('ten_default')).toBe(1);
    expect(cache.purgeAll()).toBe(0);
  });

  it('expires entries after the TTL', () => {
    const cache = makeCache();
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      fill(cache, cacheRequest(route));
      spy.mockReturnValue(now + 59_999);
      expect(hit(cache, cacheRequest(route))).not.toBeNull();
      spy.mockReturnValue(now + 60_000);
      expect(hit(cache, cacheRequest(route))).toBeNull();
      expect(cache.stats.entries).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});
