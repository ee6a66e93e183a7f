import { ConsulClient, ConsulDiscovery, StaticDiscovery } from '@portico/discovery';
import { ConsulDouble, startTestApp, waitFor, type TestApp } from '@portico/testing';
import { UPSTREAM_ROUTER, type UpstreamRouter } from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import type { UpstreamRouterService } from '../src/upstreams/upstream-router.service';
import { TestUpstream, call, countBy, makeRouter, request, text } from './upstreams-helpers';

let ups: TestUpstream[] = [];
let router: UpstreamRouterService | undefined;

beforeEach(async () => {
  ups = await Promise.all(['a', 'b'].map((n) => TestUpstream.start(n)));
});
afterEach(async () => {
  await router?.onApplicationShutdown();
  router = undefined;
  await Promise.all(ups.map((u) => u.close()));
});

const bodies = async (r: UpstreamRouterService, service: string, n: number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call(r, { service, loadBalancing: 'round-robin' });
    out.push('body' in res ? res.body : res.error);
  }
  return out;
};

describe('UpstreamRouter: instances from discovery', () => {
  it('balances over the instances static discovery lists', async () => {
    const [a, b] = ups;
    const made = makeRouter({}, new StaticDiscovery({ orders: [a.address, b.address] }));
    router = made.router;
    expect(countBy(await bodies(router, 'orders', 10), (x) => x)).toEqual({ a: 5, b: 5 });
    expect(await bodies(router, 'unknown', 1)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(
      router
        .health()
        .map((h) => `${h.upstream} ${h.instance}`)
        .sort(),
    ).toEqual([`orders ${a.address}`, `orders ${b.address}`].sort());
  });

  it("weights discovered instances by their 'weight' meta", async () => {
    const [a, b] = ups;
    const spec = (u: TestUpstream, weight: string) => ({
      address: '127.0.0.1',
      port: Number(u.address.split(':')[1]),
      id: `orders-${u.name}`,
      meta: { weight },
    });
    router = makeRouter({}, new StaticDiscovery({ orders: [spec(a, '3'), spec(b, '1')] })).router;
    const out: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await call(router, { service: 'orders', loadBalancing: 'weighted' });
      out.push('body' in r ? r.body : r.error);
    }
    expect(countBy(out, (x) => x)).toEqual({ a: 30, b: 10 });
  });

  it('follows Consul: a registered instance gets traffic, a deregistered one stops', async () => {
    const [a, b] = ups;
    const consul = await ConsulDouble.start();
    const client = new ConsulClient({ addr: consul.addr });
    const discovery = new ConsulDiscovery(client, {
      waitSeconds: 5,
      rateLimit: { burst: 10, intervalMs: 50 },
    });
    try {
      const register = (u: TestUpstream) =>
        client.register({
          ID: `orders-${u.name}`,
          Name: 'orders',
          Address: '127.0.0.1',
          Port: Number(u.address.split(':')[1]),
          Check: { HTTP: `${u.url}/health`, Interval: '200ms', Status: 'passing' },
        });
      await register(a);
      router = makeRouter({}, discovery).router;
      const r = router;
      expect(await bodies(r, 'orders', 3)).toEqual(['a', 'a', 'a']);

      await register(b);
      await waitFor(async () => (await bodies(r, 'orders', 2)).includes('b'), {
        timeoutMs: 10_000,
        what: 'b to get traffic',
      });

      // A request in flight on a when a leaves discovery still completes.
      a.hold();
      const hitsBefore = a.hits;
      const inFlight = [call(r, { service: 'orders', loadBalancing: 'round-robin' })];
      inFlight.push(call(r, { service: 'orders', loadBalancing: 'round-robin' }));
      await waitFor(() => a.hits > hitsBefore, { timeoutMs: 10_000, what: 'a request held on a' });
      await client.deregister('orders-a');
      await waitFor(() => r.health().length === 1, { timeoutMs: 10_000, what: 'a to go' });
      a.release();
      expect(
        (await Promise.all(inFlight)).map((x) => ('body' in x ? x.body : x.error)).sort(),
      ).toEqual(['a', 'b']);
      expect(await bodies(r, 'orders', 4)).toEqual(['b', 'b', 'b', 'b']);

      // A failing Consul check takes the instance out as well (only passing ones are listed).
      await register(a);
      consul.setCheckStatus('orders-b', 'critical');
      await waitFor(async () => (await bodies(r, 'orders', 1))[0] === 'a', {
        timeoutMs: 10_000,
        what: 'traffic to move to a',
      });
      expect(r.health().map((h) => h.instance)).toEqual([a.address]);
    } finally {
      await router?.onApplicationShutdown();
      router = undefined;
      await discovery.close();
      await consul.stop();
    }
  });
});

describe('UpstreamsModule in the gateway app', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('provides UPSTREAM_ROUTER over the platform discovery and reports health on /metrics', async () => {
    const [a] = ups;
    app = await startTestApp(gatewayService, { PORTICO_STATIC_SERVICES: `orders=${a.address}` });
    const upstreams = app.service.app.get<UpstreamRouter>(UPSTREAM_ROUTER);
    const res = await upstreams.send(
      { service: 'orders', loadBalancing: 'round-robin' },
      request(),
    );
    expect(res.status).toBe(200);
    expect(await text(res.body)).toBe('a');
    expect(upstreams.health()).toEqual([
      { upstream: 'orders', instance: a.address, healthy: true, circuit: 'closed', inFlight: 0 },
    ]);
    const metrics = await app.client.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toMatch(
      new RegExp(
        `portico_gateway_upstream_health\\{upstream="orders",instance="${a.address}"[^}]*\\} 1`,
      ),
    );
  });
});
