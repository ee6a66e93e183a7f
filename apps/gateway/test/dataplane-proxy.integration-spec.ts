import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, waitFor, type TestApp, type TestClient } from '@portico/testing';
import { request } from 'undici';
import { stringify } from 'yaml';
import { CapturingEventSink, gatewayWith } from './dataplane-support/stages';
import { RecordingRouter } from './dataplane-support/recording-router';
import { startEchoUpstream, type EchoUpstream } from './dataplane-support/upstream-server';

const ORIGIN = 'https://app.example';

function snapshot(upstreamUrl: string, slowUrl: string) {
  const route = (routeId: string, method: string, p: string, policies: object = {}) => ({
    routeId,
    method,
    path: p,
    operationId: null,
    policies: { auth: { type: 'none' }, ...policies },
  });
  const version = (basePath: string, url: string, routes: unknown[]) => ({
    versionId: `ver_${basePath.slice(1)}`,
    version: 'v1',
    status: 'published',
    basePath,
    deprecatedAt: null,
    sunsetAt: null,
    successorVersion: null,
    upstream: { targets: [{ url }] },
    routes,
  });
  return {
    revision: 42,
    generatedAt: new Date().toISOString(),
    apis: [
      {
        tenantId: 'ten_default',
        apiId: 'api_shop',
        name: 'shop',
        versions: [
          version('/shop', upstreamUrl, [
            route('rte_item', 'GET', '/items/{id}', {
              cors: {
                origins: [ORIGIN],
                methods: ['GET', 'POST'],
                headers: ['X-API-Key', 'Content-Type'],
                exposeHeaders: ['X-Origin-Name'],
                credentials: true,
                maxAgeSeconds: 300,
              },
              transform: {
                request: {
                  pathPrefix: '/internal',
                  headers: {
                    add: { 'X-Added': 'yes' },
                    remove: ['X-Drop'],
                    rename: { 'X-Old': 'X-New' },
                  },
                },
                response: {
                  headers: {
                    add: { 'X-Served-By': 'portico' },
                    remove: ['X-Upstream-Secret'],
                    rename: { 'X-Upstream-Name': 'X-Origin-Name' },
                  },
                },
              },
            }),
            route('rte_upload', 'POST', '/upload', { requestSizeLimitBytes: 100 }),
            route('rte_big', 'GET', '/big'),
            route('rte_cached_big', 'GET', '/cached/big', { cache: { ttlSeconds: 60 } }),
            route('rte_pre', 'GET', '/pre-gzipped'),
            route('rte_wait', 'GET', '/wait/slow'),
          ]),
        ],
      },
      {
        // Its own upstream: timeouts take an instance out of rotation for a while.
        tenantId: 'ten_default',
        apiId: 'api_slow',
        name: 'slow',
        versions: [
          version('/slow', slowUrl, [route('rte_slow', 'GET', '/slow', { timeoutMs: 200 })]),
        ],
      },
      {
        // One instance refuses connections, the other answers: a refused POST goes to the other.
        tenantId: 'ten_default',
        apiId: 'api_pair',
        name: 'pair',
        versions: [
          {
            ...version('/pair', upstreamUrl, [route('rte_orders', 'POST', '/orders')]),
            upstream: {
              targets: [{ url: 'http://127.0.0.1:1' }, { url: upstreamUrl }],
              loadBalancing: 'round-robin',
            },
          },
        ],
      },
      {
        tenantId: 'ten_default',
        apiId: 'api_down',
        name: 'down',
        versions: [version('/down', 'http://127.0.0.1:1', [route('rte_down', 'GET', '/')])],
      },
    ],
  };
}

/** Data-plane behaviours on a DB-less route table (GATEWAY_ROUTES_FILE, as the benchmark runs). */
describe('gateway data plane: proxying', () => {
  let up: EchoUpstream;
  let slowUp: EchoUpstream;
  let gateway: TestApp;
  let gw: TestClient;
  const events = new CapturingEventSink();
  let router: RecordingRouter;
  let n = 0;
  const rid = () => `px-${++n}`;

  const oneEvent = async (requestId: string) => {
    await waitFor(() => events.byRequestId(requestId).length > 0, { what: `event ${requestId}` });
    expect(events.byRequestId(requestId)).toHaveLength(1);
    return events.byRequestId(requestId)[0]!;
  };

  beforeAll(async () => {
    up = await startEchoUpstream('shop');
    slowUp = await startEchoUpstream('slow');
    const dir = mkdtempSync(path.join(tmpdir(), 'portico-routes-'));
    const file = path.join(dir, 'routes.yaml');
    writeFileSync(file, stringify(snapshot(up.url, slowUp.url)));
    gateway = await startTestApp(
      gatewayWith({ events, recordInto: (real) => (router = new RecordingRouter(real)) }),
      {
        LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
        GATEWAY_ROUTES_FILE: file,
        GATEWAY_STATUS_SERVICES: 'registry',
        PORTICO_STATIC_SERVICES: 'registry=127.0.0.1:1',
      },
    );
    gw = gateway.client;
    await gateway.waitUntilReady();
  });

  afterAll(async () => {
    await gateway?.close();
    await up?.close();
    await slowUp?.close();
  });

  it('loads the table from the file (DB-less mode)', async () => {
    const ready = await gw.get('/health/ready');
    expect(ready.body.info.routeTable).toMatchObject({ status: 'up', revision: 42, routes: 9 });
  });

  it('applies request and response header transforms and the path prefix', async () => {
    const res = await gw.get('/v1/shop/items/9?color=red', {
      headers: {
        'x-drop': 'secret',
        'x-old': 'value',
        'accept-encoding': 'identity',
        // Not believed without TRUST_PROXY.
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.url).toBe('/internal/items/9?color=red');
    expect(res.body.headers['x-added']).toBe('yes');
    expect(res.body.headers['x-drop']).toBeUndefined();
    expect(res.body.headers['x-old']).toBeUndefined();
    expect(res.body.headers['x-new']).toBe('value');
    expect(res.body.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(res.body.headers['x-forwarded-proto']).toBe('http');
    expect(res.headers.get('x-upstream-secret')).toBeNull();
    expect(res.headers.get('x-served-by')).toBe('portico');
    expect(res.headers.get('x-origin-name')).toBe('shop');
    expect(res.headers.get('x-upstream-name')).toBeNull();
  });

  it('answers CORS preflight at the gateway and decorates actual requests', async () => {
    const id = rid();
    const pre = await gw.request('OPTIONS', '/v1/shop/items/1', {
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-api-key',
        'x-request-id': id,
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('X-API-Key, Content-Type');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-max-age')).toBe('300');
    expect((await oneEvent(id)).status).toBe(204);
    expect(up.seen.some((r) => r.method === 'OPTIONS')).toBe(false);

    const other = await gw.request('OPTIONS', '/v1/shop/items/1', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // A route without CORS gets no preflight answer from the gateway: OPTIONS is not its method.
    const noCors = await gw.request('OPTIONS', '/v1/shop/upload', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(noCors.status).toBe(405);
    expect(noCors.headers.get('access-control-allow-origin')).toBeNull();

    const actual = await gw.get('/v1/shop/items/1', { headers: { origin: ORIGIN } });
    expect(actual.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(actual.headers.get('access-control-expose-headers')).toBe('X-Origin-Name');
    expect(actual.headers.get('vary')).toContain('Origin');
  });

  it('refuses bodies over the route limit with 413, by Content-Length and while streaming', async () => {
    const ok = await gw.post('/v1/shop/upload', { small: true });
    expect(ok.status).toBe(200);
    expect(ok.body.body).toBe('{"small":true}');

    const id = rid();
    const big = await gw.request('POST', '/v1/shop/upload', {
      raw: 'x'.repeat(500),
      headers: { 'x-request-id': id },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await oneEvent(id)).toMatchObject({ status: 413, errorCode: 'PAYLOAD_TOO_LARGE' });

    const streamedId = rid();
    const seenBefore = up.seen.length;
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${gateway.url}/v1/shop/upload`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-request-id': streamedId },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('y'.repeat(30));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await oneEvent(streamedId)).status).toBe(413);
    expect(up.seen.length).toBe(seenBefore);
  });

  it('compresses large compressible bodies with br or gzip when the upstream did not', async () => {
    const br = await request(`${gateway.url}/v1/shop/big`, {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toContain('Accept-Encoding');
    const brBody = Buffer.from(await br.body.arrayBuffer());
    expect(JSON.parse(brotliDecompressSync(brBody).toString()).items).toHaveLength(500);

    const id = rid();
    const gz = await request(`${gateway.url}/v1/shop/big`, {
      headers: { 'accept-encoding': 'gzip', 'x-request-id': id },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const gzBody = Buffer.from(await gz.body.arrayBuffer());
    const plain = gunzipSync(gzBody);
    expect(gzBody.length).toBeLessThan(plain.length / 4);
    expect((await oneEvent(id)).bytesOut).toBe(gzBody.length);

    const none = await request(`${gateway.url}/v1/shop/big`);
    expect(none.headers['content-encoding']).toBeUndefined();
    await none.body.dump();

    // Already encoded by the upstream: passed through as is.
    const pre = await request(`${gateway.url}/v1/shop/pre-gzipped`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(pre.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(await pre.body.arrayBuffer())).toString()).toBe('x'.repeat(5000));
  });

  it('compresses cached answers too, the same bytes on every HIT', async () => {
    const before = up.seen.length;
    const get = async (encoding: string) => {
      const res = await request(`${gateway.url}/v1/shop/cached/big`, {
        headers: { 'accept-encoding': encoding },
      });
      const raw = Buffer.from(await res.body.arrayBuffer());
      return { headers: res.headers, raw };
    };
    const miss = await get('br');
    expect(miss.headers['x-cache']).toBe('MISS');
    const plain = brotliDecompressSync(miss.raw).toString();
    const hits = [await get('br'), await get('br')];
    for (const h of hits) {
      expect(h.headers['x-cache']).toBe('HIT');
      expect(h.headers['content-encoding']).toBe('br');
      expect(Number(h.headers['content-length'])).toBe(h.raw.length);
      expect(brotliDecompressSync(h.raw).toString()).toBe(plain);
    }
    expect(hits[1]!.raw.equals(hits[0]!.raw)).toBe(true);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(plain);
    expect(up.seen.length).toBe(before + 1);
  });

  it('answers 503 and 504 in the envelope when the upstream cannot serve', async () => {
    const downId = rid();
    const down = await gw.get('/v1/down', { headers: { 'x-request-id': downId } });
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await oneEvent(downId)).toMatchObject({
      status: 503,
      errorCode: 'UPSTREAM_UNAVAILABLE',
      apiName: 'down',
    });

    const slowId = rid();
    const slow = await gw.get('/v1/slow/slow', { headers: { 'x-request-id': slowId } });
    expect(slow.status).toBe(504);
    expect(slow.body.error.code).toBe('UPSTREAM_TIMEOUT');
    expect((await oneEvent(slowId)).status).toBe(504);
    expect(router.sent.at(-1)!.req).toMatchObject({ timeoutMs: 200, maxAttempts: 3 });
  });

  it('survives a client that leaves before the upstream answers, and records it once', async () => {
    const id = rid();
    const before = up.seen.length;
    await expect(
      fetch(`${gateway.url}/v1/shop/wait/slow`, {
        headers: { 'x-request-id': id },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    const e = await oneEvent(id);
    expect(e).toMatchObject({ status: 499, errorCode: 'CLIENT_CLOSED_REQUEST' });
    // The upstream answers later, to nobody; the gateway carries on.
    await waitFor(() => up.seen.length > before, { what: 'the upstream to get the request' });
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await gw.get('/v1/shop/items/1')).status).toBe(200);
    expect(events.byRequestId(id)).toHaveLength(1);
  });

  it('asks the upstream seam for the route attempts (default 3) and 30 s by default', async () => {
    await gw.post('/v1/shop/upload', { a: 1 });
    expect(router.sent.at(-1)!.req).toMatchObject({
      method: 'POST',
      path: '/upload',
      maxAttempts: 3,
      timeoutMs: 30_000,
      circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
    });
  });

  it('sends a POST refused by one instance to the other, and never a POST twice', async () => {
    const before = up.seen.filter((r) => r.url === '/orders').length;
    for (let i = 0; i < 4; i++) {
      const res = await gw.post('/v1/pair/orders', { i });
      expect(res.status).toBe(200);
    }
    // Each POST reached the live instance exactly once (the refused attempts sent nothing).
    expect(up.seen.filter((r) => r.url === '/orders').length - before).toBe(4);
  });

  it('drops the headers the client names in its Connection header (hop-by-hop)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${gateway.url}/v1/shop/items/7`, {
        headers: { connection: 'keep-alive, x-hop', 'x-hop': 'secret', 'x-kept': 'yes' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    const seen = up.seen.at(-1)!;
    expect(seen.url).toBe('/internal/items/7');
    expect(seen.headers['x-kept']).toBe('yes');
    expect(seen.headers['x-hop']).toBeUndefined();
  });

  it('leaves the gateway own endpoints to the Nest app', async () => {
    expect((await gw.get('/health/live')).status).toBe(200);
    expect((await gw.get('/docs-json')).body.paths['/api/v1/status']).toBeDefined();
    const yaml = await gw.get('/docs-yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\.1/m);
  });
});
