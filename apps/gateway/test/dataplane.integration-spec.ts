import { randomBytes } from 'node:crypto';
import { RpcSubject } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import { startTestApp, waitFor, type TestApp, type TestClient } from '@portico/testing';
import { Client } from 'pg';
import { gatewayWith, CapturingEventSink } from './dataplane-support/stages';
import { startRegistryProcess, type RegistryProcess } from './dataplane-support/registry-process';
import { RecordingRouter } from './dataplane-support/recording-router';
import { startEchoUpstream, type EchoUpstream } from './dataplane-support/upstream-server';

/**
 * The data plane against the real registry (its own process, Postgres schema and this file's NATS
 * namespace): routes come from the registry's snapshot and follow its events.
 */
describe('gateway data plane: routing from the registry', () => {
  let registry: RegistryProcess;
  let a: EchoUpstream;
  let b: EchoUpstream;
  let gateway: TestApp;
  let gw: TestClient;
  const events = new CapturingEventSink();
  let router: RecordingRouter;
  let seq = 0;
  const rid = (name: string) => `${name}-${++seq}`;

  const revision = async (): Promise<number> =>
    (await registry.admin.get('/api/v1/route-table')).body.data.revision;

  const oneEvent = async (requestId: string) => {
    await waitFor(() => events.byRequestId(requestId).length > 0, {
      what: `the request event of ${requestId}`,
    });
    expect(events.byRequestId(requestId)).toHaveLength(1);
    return events.byRequestId(requestId)[0]!;
  };

  const metric = async (pattern: RegExp): Promise<number> => {
    const text = (await gw.get('/metrics')).text;
    const line = text.split('\n').find((l) => pattern.test(l));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  beforeAll(async () => {
    [a, b, registry] = await Promise.all([
      startEchoUpstream('A'),
      startEchoUpstream('B'),
      startRegistryProcess(),
    ]);
    const admin = registry.admin;
    expect((await admin.post('/api/v1/apis', { name: 'cams', title: 'Cams' })).status).toBe(201);
    const v1 = await admin.post('/api/v1/apis/cams/versions', {
      version: 'v1',
      basePath: '/cameras',
      upstream: { targets: [{ url: a.url }] },
      policies: { auth: { type: 'none' } },
      routes: [
        { method: 'GET', path: '/' },
        { method: 'GET', path: '/{id}' },
      ],
    });
    expect(v1.status).toBe(201);
    expect((await admin.post('/api/v1/apis/cams/versions/v1/publish')).status).toBe(200);
    const v2 = await admin.post('/api/v1/apis/cams/versions', {
      version: 'v2',
      basePath: '/cameras',
      upstream: { targets: [{ url: b.url }] },
      policies: { auth: { type: 'none' } },
      routes: [{ method: 'GET', path: '/{id}' }],
    });
    expect(v2.status).toBe(201);
    expect((await admin.post('/api/v1/apis/cams/versions/v2/publish')).status).toBe(200);

    gateway = await startTestApp(
      gatewayWith({ events, recordInto: (real) => (router = new RecordingRouter(real)) }),
      {
        LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
        PORTICO_STATIC_SERVICES: `registry=${registry.url},analytics=127.0.0.1:1`,
        GATEWAY_STATUS_SERVICES: 'registry,analytics',
        GATEWAY_STATUS_INTERVAL_MS: '300',
        GATEWAY_SNAPSHOT_RETRY_MS: '200',
      },
    );
    gw = gateway.client;
    await gateway.waitUntilReady(30_000);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    await a?.close();
    await b?.close();
  });

  it('reports ready with the loaded table, at the registry revision', async () => {
    const ready = await gw.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.routeTable).toMatchObject({ status: 'up', routes: 3 });
    expect(ready.body.info.routeTable.revision).toBe(await revision());
  });

  it('matches by URL version, API-Version header or the newest published version', async () => {
    const v1 = await gw.get('/v1/cameras/7?x=1');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ upstream: 'A', url: '/7?x=1', method: 'GET' });

    const header = await gw.get('/cameras/7', { headers: { 'api-version': 'v1' } });
    expect(header.body).toMatchObject({ upstream: 'A', url: '/7' });

    const newest = await gw.get('/cameras/7');
    expect(newest.body).toMatchObject({ upstream: 'B', url: '/7' });

    const list = await gw.get('/v1/cameras');
    expect(list.body).toMatchObject({ upstream: 'A', url: '/' });

    // The upstream gets the request id and a continued trace.
    const traced = await gw.get('/v1/cameras/1', {
      headers: {
        'x-request-id': 'trace-me-1',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    });
    expect(traced.headers.get('x-request-id')).toBe('trace-me-1');
    expect(traced.body.headers['x-request-id']).toBe('trace-me-1');
    expect(traced.body.headers.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/,
    );
  });

  it('answers 404 NOT_FOUND and 405 in the envelope, with a request event each', async () => {
    const id404 = rid('nf');
    const nf = await gw.get('/v1/nothing/here', { headers: { 'x-request-id': id404 } });
    expect(nf.status).toBe(404);
    expect(nf.body).toMatchObject({
      status: 'error',
      error: { code: 'NOT_FOUND' },
      requestId: id404,
    });
    expect(await oneEvent(id404)).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
      routeId: null,
    });

    const id405 = rid('m');
    const m = await gw.delete('/v1/cameras/1', { headers: { 'x-request-id': id405 } });
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('GET');
    expect(m.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect((await oneEvent(id405)).status).toBe(405);
  });

  // Typically 30-80 ms here; the wait is longer so a slow poll shows the real delay in the failure.
  it('serves a route added in the registry within one second, from its event, without a restart', async () => {
    const before = await gw.get('/v2/cameras/5/frames');
    expect(before.status).toBe(404);
    const eventReloads = await metric(
      /^portico_gateway_route_table_reloads_total\{.*reason="event"/,
    );
    const added = await registry.admin.post('/api/v1/apis/cams/versions/v2/routes', {
      method: 'GET',
      path: '/{id}/frames',
    });
    expect(added.status).toBe(201);
    const accepted = Date.now();
    await waitFor(async () => (await gw.get('/v2/cameras/5/frames')).status === 200, {
      timeoutMs: 5_000,
      intervalMs: 20,
      what: 'the new route to be served',
    });
    // The bound: served within one second of the registry accepting the change.
    expect(Date.now() - accepted).toBeLessThan(1_000);
    expect(
      await metric(/^portico_gateway_route_table_reloads_total\{.*reason="event"/),
    ).toBeGreaterThan(eventReloads);
    expect((await gw.get('/v2/cameras/5/frames')).body).toMatchObject({
      upstream: 'B',
      url: '/5/frames',
    });
  });

  it('reloads the full snapshot when it sees a revision gap', async () => {
    const gaps = await metric(/^portico_gateway_route_table_reloads_total\{.*reason="gap"/);
    // A change whose event the gateway never sees: the registry's revision moves on silently.
    const pg = new Client({ connectionString: registry.db.databaseUrl });
    await pg.connect();
    try {
      await pg.query(
        `UPDATE "${registry.db.schema}".registry_state SET revision = revision + 1 WHERE id = 1`,
      );
    } finally {
      await pg.end();
    }
    const added = await registry.admin.post('/api/v1/apis/cams/versions/v2/routes', {
      method: 'GET',
      path: '/{id}/status',
    });
    expect(added.status).toBe(201);
    await waitFor(async () => (await gw.get('/v2/cameras/5/status')).status === 200, {
      timeoutMs: 5_000,
      what: 'the route after the gap',
    });
    await waitFor(async () => (await metric(/reloads_total\{.*reason="gap"/)) === gaps + 1, {
      what: 'a gap reload to be counted',
    });
    const status = await gw.get('/api/v1/status');
    expect(status.body.data.gateway.routeTable.revision).toBe(await revision());
  });

  it('adds Deprecation, Sunset and Link to a deprecated version and answers 410 once retired', async () => {
    const dep = await registry.admin.post('/api/v1/apis/cams/versions/v1/deprecate', {
      sunsetAt: '2099-06-01T00:00:00Z',
      successorVersion: 'v2',
    });
    expect(dep.status).toBe(200);
    const res = await waitFor(
      async () => {
        const r = await gw.get('/v1/cameras/3');
        return r.headers.get('deprecation') ? r : undefined;
      },
      { timeoutMs: 5_000, what: 'deprecation headers' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toMatch(/^@\d{10}$/);
    const since = Number(res.headers.get('deprecation')!.slice(1)) * 1000;
    expect(Math.abs(Date.now() - since)).toBeLessThan(10 * 60_000);
    expect(res.headers.get('sunset')).toBe('Mon, 01 Jun 2099 00:00:00 GMT');
    expect(res.headers.get('link')).toBe('</v2/cameras>; rel="successor-version"');
    // The newest published version (v2) is unaffected.
    expect((await gw.get('/cameras/3')).headers.get('deprecation')).toBeNull();

    expect((await registry.admin.post('/api/v1/apis/cams/versions/v1/retire')).status).toBe(200);
    let id = '';
    const gone = await waitFor(
      async () => {
        id = rid('gone');
        const r = await gw.get('/v1/cameras/3', { headers: { 'x-request-id': id } });
        return r.status === 410 ? r : undefined;
      },
      { timeoutMs: 5_000, what: 'the retired version to answer 410' },
    );
    expect(gone.body).toMatchObject({ status: 'error', error: { code: 'GONE' } });
    expect(gone.body.error.message).toContain('v2');
    expect(gone.headers.get('link')).toBe('</v2/cameras>; rel="successor-version"');
    const e = events.byRequestId(id).at(-1)!;
    expect(e).toMatchObject({ status: 410, errorCode: 'GONE', version: 'v1', apiName: 'cams' });
  });

  it('routes the suite management APIs to their service, credentials untouched', async () => {
    const id = rid('mgmt');
    const list = await gw.get('/api/v1/apis', {
      headers: { 'x-api-key': 'pk_gateway_dataplane_admin_01', 'x-request-id': id },
    });
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { name: string }) => x.name)).toContain('cams');
    const ev = await oneEvent(id);
    expect(ev).toMatchObject({
      status: 200,
      pathTemplate: '/api/v1/apis/*',
      apiName: 'registry',
      upstreamInstance: new URL(registry.url).host,
    });
    // The registry itself refuses a caller without credentials; the gateway passes its answer on.
    const anon = await gw.get('/api/v1/route-table');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHORIZED');
    expect(router.retained).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'registry' })]),
    );
  });

  it('reports the suite status and health from cached probes', async () => {
    const status = await waitFor(
      async () => {
        const r = await gw.get('/api/v1/status');
        const services: Array<{ name: string; status: string; lastCheck: string | null }> =
          r.body.data?.services ?? [];
        // Under load a single probe may time out; wait for a round where the registry answered.
        return services.length > 0 &&
          services.every((s) => s.lastCheck) &&
          services.some((s) => s.name === 'registry' && s.status === 'healthy')
          ? r
          : undefined;
      },
      { what: 'a probe of every service' },
    );
    expect(status.status).toBe(200);
    expect(status.body.data.status).toBe('degraded');
    const byName = Object.fromEntries(
      status.body.data.services.map((s: { name: string }) => [s.name, s]),
    );
    expect(byName.registry.status).toBe('healthy');
    // Percent of probes that succeeded: above zero, and 100 unless a probe timed out under load.
    expect(byName.registry.uptime).toBeGreaterThan(0);
    expect(byName.registry.uptime).toBeLessThanOrEqual(100);
    expect(typeof byName.registry.responseTimeMs).toBe('number');
    expect(byName.analytics).toMatchObject({ status: 'down', responseTimeMs: null, uptime: 0 });
    const health = await gw.get('/api/v1/health');
    expect(health.body.data).toEqual({
      status: 'degraded',
      services: { registry: 'healthy', analytics: 'down' },
    });
  });

  it('stays not-ready, answering 503, until a registry answers the snapshot request', async () => {
    // A second gateway on a namespace where no registry runs yet.
    const namespace = `t${randomBytes(5).toString('hex')}`;
    const lonely = await startTestApp(gatewayWith(), {
      LOG_LEVEL: 'error',
      PORTICO_NATS_NAMESPACE: namespace,
      PORTICO_STATIC_SERVICES: 'registry=127.0.0.1:1',
      GATEWAY_STATUS_SERVICES: 'registry',
      GATEWAY_SNAPSHOT_RETRY_MS: '100',
      GATEWAY_SNAPSHOT_TIMEOUT_MS: '300',
    });
    const m = await Messaging.connect({ url: 'nats://127.0.0.1:4222', name: 'test', namespace });
    try {
      const notReady = await waitFor(
        async () => {
          const r = await lonely.client.get('/health/ready');
          return r.body.info?.nats ? r : undefined;
        },
        { what: 'NATS to connect' },
      );
      expect(notReady.status).toBe(503);
      expect(Object.keys(notReady.body.error)).toEqual(['routeTable']);
      const early = await lonely.client.get('/v1/cameras/1');
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe('SERVICE_UNAVAILABLE');

      // The registry's table (read over its REST API) is served on that namespace from now on.
      const table = (await registry.admin.get('/api/v1/route-table')).body.data;
      const handler = m.handle(RpcSubject.registrySnapshot, async () => table);
      await handler.ready;
      await lonely.waitUntilReady();
      expect((await lonely.client.get('/v1/cameras/1')).status).not.toBe(503);
    } finally {
      await m.close();
      await lonely.close();
    }
  });

  it('records exactly one complete request event per request, and counts it by route', async () => {
    const id = rid('ok');
    const res = await gw.get('/v2/cameras/11?q=1', {
      headers: { 'x-request-id': id, 'accept-encoding': 'identity' },
    });
    expect(res.status).toBe(200);
    const e = await oneEvent(id);
    expect(e).toMatchObject({
      requestId: id,
      tenantId: 'ten_default',
      apiName: 'cams',
      version: 'v2',
      method: 'GET',
      pathTemplate: '/v2/cameras/{id}',
      path: '/v2/cameras/11',
      status: 200,
      upstreamInstance: new URL(b.url).host,
      errorCode: null,
      cacheStatus: null,
      consumerId: null,
      clientIp: '127.0.0.1',
    });
    expect(e.apiId).toMatch(/^api_/);
    expect(e.routeId).toBeTruthy();
    expect(e.bytesOut).toBe(Buffer.byteLength(res.text));
    expect(e.upstreamLatencyMs).toBeGreaterThan(0);
    expect(e.latencyMs).toBeGreaterThanOrEqual(e.upstreamLatencyMs!);
    expect(e.gatewayLatencyMs).toBeCloseTo(e.latencyMs - e.upstreamLatencyMs!, 2);
    expect(new Date(e.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const ids = events.events.map((x) => x.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    const metrics = (await gw.get('/metrics')).text;
    expect(metrics).toMatch(
      new RegExp(
        `portico_gateway_requests_total\\{api="cams",route="${e.routeId}",method="GET",status="200",consumer="anonymous"`,
      ),
    );
    expect(metrics).toContain('portico_gateway_overhead_seconds_bucket');
    expect(metrics).toContain('portico_gateway_upstream_duration_seconds_bucket');
  });
});
