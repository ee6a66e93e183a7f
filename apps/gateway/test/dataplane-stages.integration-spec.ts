import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CredentialsDouble,
  startTestApp,
  waitFor,
  type TestApp,
  type TestClient,
} from '@portico/testing';
import { CapturingEventSink, gatewayWith } from './dataplane-support/stages';
import { startEchoUpstream, type EchoUpstream } from './dataplane-support/upstream-server';

function snapshot(upstreamUrl: string) {
  const route = (routeId: string, p: string, policies: object) => ({
    routeId,
    method: 'GET',
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
        apiId: 'api_stage',
        name: 'stage',
        versions: [
          {
            versionId: 'ver_stage',
            version: 'v1',
            status: 'published',
            basePath: '/stage',
            deprecatedAt: null,
            sunsetAt: null,
            successorVersion: null,
            upstream: { targets: [{ url: upstreamUrl }] },
            routes: [
              route('rte_private', '/private', { auth: { type: 'apiKey' } }),
              route('rte_limited', '/limited', {
                auth: { type: 'apiKey' },
                rateLimit: { requests: 2, windowSeconds: 60, scope: 'route' },
              }),
              route('rte_cached', '/cached', { auth: { type: 'none' }, cache: { ttlSeconds: 60 } }),
            ],
          },
        ],
      },
    ],
  };
}

const GOOD_KEY = 'pk_dataplane_consumer_key_0001';

/**
 * The data plane with the real authenticator, rate limiter, response cache and upstream router;
 * consumer-management is doubled over real NATS (CredentialsDouble).
 */
describe('gateway data plane: auth, limits and cache stages', () => {
  let double: CredentialsDouble;
  let up: EchoUpstream;
  let gateway: TestApp;
  let gw: TestClient;
  const events = new CapturingEventSink();
  let n = 0;
  const rid = () => `st-${++n}`;

  const oneEvent = async (requestId: string) => {
    await waitFor(() => events.byRequestId(requestId).length > 0, { what: `event ${requestId}` });
    expect(events.byRequestId(requestId)).toHaveLength(1);
    return events.byRequestId(requestId)[0]!;
  };

  beforeAll(async () => {
    up = await startEchoUpstream('stage');
    double = await CredentialsDouble.start();
    double.addKey(GOOD_KEY, { role: 'consumer', consumerId: 'con_test', actorId: 'con_test' });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'portico-stages-')), 'routes.json');
    writeFileSync(file, JSON.stringify(snapshot(up.url)));
    gateway = await startTestApp(gatewayWith({ events }), {
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
      GATEWAY_ROUTES_FILE: file,
      GATEWAY_STATUS_SERVICES: 'registry',
      PORTICO_STATIC_SERVICES: 'registry=127.0.0.1:1',
    });
    gw = gateway.client;
    await gateway.waitUntilReady();
  });

  afterAll(async () => {
    await gateway?.close();
    await double?.stop();
    await up?.close();
  });

  it('refuses with the authenticator answer and never calls the upstream', async () => {
    const before = up.seen.length;
    const id = rid();
    const res = await gw.get('/v1/stage/private', { headers: { 'x-request-id': id } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('ApiKey realm="portico"');
    expect(res.body).toMatchObject({
      status: 'error',
      error: { code: 'UNAUTHORIZED' },
      requestId: id,
    });
    expect(await oneEvent(id)).toMatchObject({
      status: 401,
      errorCode: 'UNAUTHORIZED',
      consumerId: null,
    });
    expect(up.seen.length).toBe(before);
  });

  it('carries the identity into the request event and the metrics', async () => {
    const id = rid();
    const res = await gw.get('/v1/stage/private', {
      headers: { 'x-api-key': GOOD_KEY, 'x-request-id': id },
    });
    expect(res.status).toBe(200);
    expect(await oneEvent(id)).toMatchObject({
      status: 200,
      tenantId: 'ten_default',
      consumerId: 'con_test',
      keyId: `key_${GOOD_KEY.slice(-8)}`,
      planId: null,
      quotaPerMonth: null,
    });
    expect((await gw.get('/metrics')).text).toMatch(
      /portico_gateway_requests_total\{api="stage",route="rte_private",method="GET",status="200",consumer="con_test"/,
    );
  });

  it('puts the limiter headers on every answer and refuses with 429 over the limit', async () => {
    const auth = { 'x-api-key': GOOD_KEY };
    const first = await gw.get('/v1/stage/limited', { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await gw.get('/v1/stage/limited', { headers: auth })).status).toBe(200);
    const id = rid();
    const over = await gw.get('/v1/stage/limited', { headers: { ...auth, 'x-request-id': id } });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toBe('60');
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    expect(await oneEvent(id)).toMatchObject({
      status: 429,
      errorCode: 'RATE_LIMITED',
      consumerId: 'con_test',
    });
  });

  it('fills the cache on a MISS, serves HITs without the upstream and answers 304', async () => {
    const before = up.seen.length;
    const missId = rid();
    const miss = await gw.get('/v1/stage/cached?a=1', { headers: { 'x-request-id': missId } });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');

    const hitId = rid();
    const hit = await gw.get('/v1/stage/cached?a=1', { headers: { 'x-request-id': hitId } });
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.body.upstream).toBe('stage');
    expect(hit.body.url).toBe(miss.body.url);
    expect(hit.headers.get('x-request-id')).toBe(hitId);
    const etag = hit.headers.get('etag')!;
    expect(etag).toBeTruthy();

    const nmId = rid();
    const nm = await gw.get('/v1/stage/cached?a=1', {
      headers: { 'if-none-match': etag, 'x-request-id': nmId },
    });
    expect(nm.status).toBe(304);
    expect(nm.text).toBe('');
    expect(up.seen.length).toBe(before + 1);

    expect(await oneEvent(missId)).toMatchObject({ cacheStatus: 'MISS', status: 200 });
    expect(await oneEvent(hitId)).toMatchObject({
      cacheStatus: 'HIT',
      status: 200,
      upstreamInstance: null,
    });
    expect(await oneEvent(nmId)).toMatchObject({ cacheStatus: 'HIT', status: 304 });
  });
});
