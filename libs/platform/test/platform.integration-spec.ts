import { ConsulDouble, startTestApp, type TestApp, waitFor } from '@portico/testing';
import { demoService } from './demo.module';

describe('platform: an app booted through the shared bootstrap', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(demoService);
    await app.waitUntilReady();
  });
  afterAll(() => app.close());

  it('serves liveness and readiness with each dependency named', async () => {
    expect((await app.client.get('/health/live')).status).toBe(200);
    const ready = await app.client.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { nats: { status: 'up' } } });
  });

  it('wraps results in the success envelope, lists with pagination', async () => {
    const res = await app.client.get('/api/v1/widgets?page=2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      data: [{ id: 'w1' }],
      pagination: { page: 2, limit: 20, total: 1 },
    });
    expect(new Date(res.body.timestamp).toString()).not.toBe('Invalid Date');
  });

  it('validates bodies and reports every failing field in one 400', async () => {
    const res = await app.client.post('/api/v1/widgets', { name: 'x', size: -1, color: 'green' });
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['color', 'name', 'size']);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON with 400 MALFORMED_REQUEST, not 500', async () => {
    const res = await app.client.request('POST', '/api/v1/widgets', { raw: '{"name": "abc",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('answers a missing body with a 400 naming the body', async () => {
    const res = await app.client.request('POST', '/api/v1/widgets', {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('answers bodies over the configured limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await app.client.post('/api/v1/widgets', {
      name: 'x'.repeat(5000),
      size: 1,
      color: 'red',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with 404 NOT_FOUND in the envelope', async () => {
    const res = await app.client.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { code: 'NOT_FOUND', message: 'No route matches GET /api/v1/nothing-here.' },
    });
  });

  it('maps PorticoError to its code and status', async () => {
    const res = await app.client.get('/api/v1/widgets/conflict');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'status' }] });
  });

  it('hides unexpected errors behind an error id that is logged once', async () => {
    const res = await app.client.get('/api/v1/widgets/boom');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(res.text).not.toContain('secret internal detail');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    const logged = app.logs.filter((l) => l['errorId'] === res.body.error.errorId);
    expect(logged).toHaveLength(1);
  });

  it('keeps the caller x-request-id and traceparent through logs and context', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await app.client.get('/api/v1/widgets/context', {
      headers: { 'x-request-id': 'req-abc-123', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect(res.body.data).toMatchObject({ requestId: 'req-abc-123', traceId });
    expect(res.body.data.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    await waitFor(() =>
      app.logs.find((l) => l['requestId'] === 'req-abc-123' && l['msg'] === 'request'),
    );
    const access = app.logs.find(
      (l) => l['requestId'] === 'req-abc-123' && l['msg'] === 'request',
    )!;
    expect(access).toMatchObject({ traceId, status: 200, route: '/api/v1/widgets/context' });
  });

  it('generates a request id when none (or a bad one) is sent', async () => {
    const res = await app.client.get('/api/v1/widgets', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('writes application logs as JSON with the request id and redacts secrets', async () => {
    await app.client.post(
      '/api/v1/widgets',
      { name: 'gear', size: 2, color: 'red' },
      { headers: { 'x-request-id': 'req-log-1', 'x-api-key': 'pk_secret' } },
    );
    const line = await waitFor(() =>
      app.logs.find((l) => l['msg'] === 'widget created' && l['requestId'] === 'req-log-1'),
    );
    expect(line).toMatchObject({ service: 'demo', level: 'info', widget: 'gear' });
    expect(JSON.stringify(app.logs)).not.toContain('pk_secret');
  });

  it('exposes Prometheus metrics with the request-duration histogram', async () => {
    await app.client.get('/api/v1/widgets');
    const res = await app.client.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(
      /http_server_request_duration_seconds_bucket\{le="0.005",service="demo",http_request_method="GET",http_route="\/api\/v1\/widgets",http_response_status_code="200"\}/,
    );
  });

  it('publishes an OpenAPI 3.1 document generated from the code, and its UI', async () => {
    const json = await app.client.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toBe('3.1.0');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/widgets', '/health/ready']),
    );
    const widget = json.body.components.schemas.CreateWidgetDto;
    expect(widget.required.sort()).toEqual(['color', 'name', 'size']);
    expect(widget.properties.color.enum).toEqual(['red', 'blue']);
    const ui = await app.client.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});

describe('platform: graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new ones', async () => {
    const app = await startTestApp(demoService);
    const inFlight = app.client.get('/api/v1/widgets/slow?ms=400');
    await new Promise((r) => setTimeout(r, 100));
    const closing = app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ waited: 400 });
    await closing;
    await expect(fetch(`${app.url}/health/live`)).rejects.toThrow();
    expect(app.logs.some((l) => l['msg'] === 'shutdown complete')).toBe(true);
  });
});

describe('platform: Consul registration (against the Consul double)', () => {
  let consul: ConsulDouble;
  beforeAll(async () => {
    consul = await ConsulDouble.start();
  });
  afterAll(() => consul.stop());

  it('registers with a passing HTTP check on /health/ready and deregisters on shutdown', async () => {
    const app = await startTestApp(demoService, {
      CONSUL_HTTP_ADDR: consul.addr,
      CONSUL_CHECK_INTERVAL: '100ms',
    });
    const registered = await waitFor(
      () => consul.services().find((s) => s.name === 'demo' && s.status === 'passing'),
      {
        what: 'demo to pass its Consul check',
      },
    );
    expect(registered.checks[0]!.http).toBe(`${app.url}/health/ready`);
    expect(registered.tags).toContain('version:0.1.0');
    const ready = await app.client.get('/health/ready');
    expect(ready.body.info.consul.status).toBe('up');
    await app.close();
    expect(consul.services().find((s) => s.name === 'demo')).toBeUndefined();
  });

  it('reports not-ready naming Consul when the agent is unreachable', async () => {
    const app = await startTestApp(demoService, { CONSUL_HTTP_ADDR: 'http://127.0.0.1:1' });
    try {
      const ready = await waitFor(async () => {
        const r = await app.client.get('/health/ready');
        return r.status === 503 && r.body.error?.consul ? r : undefined;
      });
      expect(ready.body.status).toBe('error');
      expect(ready.body.error.consul.status).toBe('down');
    } finally {
      await app.close();
    }
  });
});
