import { ConsulDouble } from './consul-double';
import { startReadinessApp, type ReadinessApp } from './readiness-app';
import { waitFor } from './wait-for';

/** The double answers the way Consul's HTTP API is documented to; these pin that down. */
let consul: ConsulDouble;
const apps: ReadinessApp[] = [];

beforeEach(async () => {
  consul = await ConsulDouble.start();
});
afterEach(async () => {
  await consul.stop();
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function app(status = 200): Promise<ReadinessApp> {
  const a = await startReadinessApp(status);
  apps.push(a);
  return a;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${consul.addr}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const index = res.headers.get('x-consul-index');
  return {
    status: res.status,
    text,
    json: () => JSON.parse(text) as unknown,
    index: index === null ? undefined : Number(index),
  };
}

function registration(
  id: string,
  a: ReadinessApp | undefined,
  extra: Record<string, unknown> = {},
) {
  return {
    ID: id,
    Name: 'web',
    Tags: ['v1'],
    Address: '127.0.0.1',
    Port: a?.port ?? 1,
    Meta: { version: '1' },
    Check: a ? { HTTP: `${a.url}/health/ready`, Interval: '50ms', Timeout: '1s' } : undefined,
    ...extra,
  };
}

type Entry = { Service: { ID: string }; Checks: Array<{ CheckID: string; Status: string }> };
const ids = (body: unknown) => (body as Entry[]).map((e) => e.Service.ID);

describe('ConsulDouble', () => {
  it("answers health/service in Consul's shape, new checks critical until they pass", async () => {
    const a = await app(503);
    expect((await call('PUT', '/v1/agent/service/register', registration('web-1', a))).status).toBe(
      200,
    );
    const all = await call('GET', '/v1/health/service/web');
    expect(all.status).toBe(200);
    expect(all.index).toBeGreaterThan(0);
    expect(all.json()).toEqual([
      {
        Node: expect.objectContaining({
          Node: 'consul-double',
          Address: '127.0.0.1',
          Datacenter: 'dc1',
        }),
        Service: expect.objectContaining({
          ID: 'web-1',
          Service: 'web',
          Tags: ['v1'],
          Address: '127.0.0.1',
          Port: a.port,
          Meta: { version: '1' },
        }),
        Checks: [
          expect.objectContaining({ CheckID: 'serfHealth', Status: 'passing', ServiceID: '' }),
          expect.objectContaining({
            CheckID: 'service:web-1',
            Status: 'critical',
            ServiceID: 'web-1',
            ServiceName: 'web',
            Type: 'http',
          }),
        ],
      },
    ]);
    expect((await call('GET', '/v1/health/service/web?passing=true')).json()).toEqual([]);
    expect((await call('GET', '/v1/health/service/web?passing')).json()).toEqual([]);
  });

  it('runs HTTP checks: 2xx passing, 429 warning, other statuses and refusals critical', async () => {
    const a = await app(200);
    await call('PUT', '/v1/agent/service/register', registration('web-1', a));
    const statusOf = async () =>
      ((await call('GET', '/v1/health/service/web')).json() as Entry[])[0].Checks[1].Status;
    await waitFor(async () => (await statusOf()) === 'passing', { what: 'passing' });
    expect(ids((await call('GET', '/v1/health/service/web?passing=true')).json())).toEqual([
      'web-1',
    ]);
    a.setStatus(429);
    await waitFor(async () => (await statusOf()) === 'warning', { what: 'warning' });
    expect((await call('GET', '/v1/health/service/web?passing=true')).json()).toEqual([]);
    a.setStatus(503);
    await waitFor(async () => (await statusOf()) === 'critical', { what: 'critical' });
    a.setStatus(204);
    await waitFor(async () => (await statusOf()) === 'passing', { what: 'passing again' });
    await a.close();
    await waitFor(async () => (await statusOf()) === 'critical', { what: 'critical when down' });
    expect(consul.services()[0].checks[0].output).toMatch(/ECONNREFUSED/);
  });

  it('blocks a query on a current index until the service changes, then answers with a higher index', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', await app(503)));
    const first = await call('GET', '/v1/health/service/web');
    const started = Date.now();
    const blocked = call('GET', `/v1/health/service/web?index=${first.index}&wait=10s`);
    await waitFor(() => consul.blockedQueries().length === 1);
    consul.setCheckStatus('web-1', 'passing');
    const res = await blocked;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.index).toBeGreaterThan(first.index!);
    expect((res.json() as Entry[])[0].Checks[1].Status).toBe('passing');
  });

  it('answers at once for a stale index, and after wait (+ at most wait/16) when nothing changes', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', undefined));
    const first = await call('GET', '/v1/health/service/web');
    let started = Date.now();
    await call('GET', `/v1/health/service/web?index=${first.index! - 1}&wait=10s`);
    expect(Date.now() - started).toBeLessThan(500);

    started = Date.now();
    const res = await call('GET', `/v1/health/service/web?index=${first.index}&wait=300ms`);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(300 + 300 / 16 + 700);
    expect(res.index).toBe(first.index);
  });

  it('does not wake a query on one service for changes to another', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', undefined));
    const first = await call('GET', '/v1/health/service/web');
    const blocked = call('GET', `/v1/health/service/web?index=${first.index}&wait=400ms`);
    await waitFor(() => consul.blockedQueries().length === 1);
    const started = Date.now();
    await call('PUT', '/v1/agent/service/register', {
      ...registration('api-1', undefined),
      Name: 'api',
    });
    const res = await blocked;
    expect(Date.now() - started).toBeGreaterThan(200);
    expect(res.index).toBe(first.index);
    expect(consul.index).toBeGreaterThan(first.index!);
  });

  it('blocks on a never-seen service and wakes when it is registered', async () => {
    const first = await call('GET', '/v1/health/service/later');
    expect(first.json()).toEqual([]);
    expect(first.index).toBeGreaterThan(0);
    const blocked = call('GET', `/v1/health/service/later?index=${first.index}&wait=10s`);
    await waitFor(() => consul.blockedQueries().length === 1);
    await call('PUT', '/v1/agent/service/register', {
      ...registration('later-1', undefined),
      Name: 'later',
    });
    expect(ids((await blocked).json())).toEqual(['later-1']);
  });

  it('keeps a forced status until released, then the real check takes over', async () => {
    const a = await app(200);
    await call('PUT', '/v1/agent/service/register', registration('web-1', a));
    await waitFor(() => consul.services()[0].status === 'passing');
    consul.setCheckStatus('web-1', 'critical');
    const probes = a.probes;
    await waitFor(() => a.probes >= probes + 3, { what: 'checks to keep running' });
    expect(consul.services()[0].status).toBe('critical');
    consul.releaseCheck('web-1');
    await waitFor(() => consul.services()[0].status === 'passing', { what: 'released' });
    expect(() => consul.setCheckStatus('nope', 'passing')).toThrow(/no service/);
  });

  it('deregisters, answering 404 in Consul’s words for an unknown ID', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', undefined));
    expect((await call('PUT', '/v1/agent/service/deregister/web-1')).status).toBe(200);
    expect((await call('GET', '/v1/health/service/web')).json()).toEqual([]);
    const again = await call('PUT', '/v1/agent/service/deregister/web-1');
    expect(again.status).toBe(404);
    expect(again.text).toContain('Unknown service ID "web-1"');
    expect(consul.services()).toEqual([]);
  });

  it('reaps a service critical for longer than DeregisterCriticalServiceAfter', async () => {
    const a = await app(503);
    const reg = registration('web-1', a);
    await call('PUT', '/v1/agent/service/register', {
      ...reg,
      Check: { ...reg.Check, DeregisterCriticalServiceAfter: '150ms' },
    });
    await waitFor(() => consul.services().length === 0, { what: 'reaping' });
  });

  it('validates registrations the way Consul does', async () => {
    expect((await call('PUT', '/v1/agent/service/register', { Port: 1 })).status).toBe(400);
    const noInterval = await call('PUT', '/v1/agent/service/register', {
      Name: 'x',
      Check: { HTTP: 'http://127.0.0.1:1/' },
    });
    expect(noInterval.status).toBe(400);
    expect(noInterval.text).toMatch(/Interval/);
    expect((await call('PUT', '/v1/agent/service/register', '{')).status).toBe(400);
    expect((await call('GET', '/v1/agent/service/register')).status).toBe(405);
    expect((await call('GET', '/v1/health/service/x?index=abc')).status).toBe(400);
    expect(consul.services()).toEqual([]);
  });

  it('serves catalog/services, agent/services, agent/self and status/leader', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', undefined));
    await call('PUT', '/v1/agent/service/register', {
      ...registration('web-2', undefined),
      Tags: ['v2'],
    });
    const catalog = await call('GET', '/v1/catalog/services');
    expect(catalog.json()).toEqual({ consul: [], web: ['v1', 'v2'] });
    expect(catalog.index).toBeGreaterThan(0);
    expect(Object.keys((await call('GET', '/v1/agent/services')).json() as object)).toEqual([
      'web-1',
      'web-2',
    ]);
    expect((await call('GET', '/v1/agent/self')).json()).toMatchObject({
      Config: { Datacenter: 'dc1', NodeName: 'consul-double' },
    });
    expect((await call('GET', '/v1/status/leader')).json()).toBe('127.0.0.1:8300');
  });

  it('enforces an ACL token when started with one', async () => {
    await consul.stop();
    consul = await ConsulDouble.start({ token: 'root' });
    expect((await call('GET', '/v1/agent/self')).status).toBe(403);
    expect(
      (await call('GET', '/v1/agent/self', undefined, { 'X-Consul-Token': 'wrong' })).text,
    ).toBe('ACL not found');
    expect(
      (await call('GET', '/v1/agent/self', undefined, { 'X-Consul-Token': 'root' })).status,
    ).toBe(200);
    expect(
      (await call('GET', '/v1/agent/self', undefined, { Authorization: 'Bearer root' })).status,
    ).toBe(200);
  });

  it('stop() ends blocked queries and closes every connection', async () => {
    await call('PUT', '/v1/agent/service/register', registration('web-1', undefined));
    const first = await call('GET', '/v1/health/service/web');
    const blocked = call('GET', `/v1/health/service/web?index=${first.index}&wait=10m`).catch(
      (e: unknown) => e,
    );
    await waitFor(() => consul.blockedQueries().length === 1);
    const started = Date.now();
    await consul.stop();
    await blocked;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
