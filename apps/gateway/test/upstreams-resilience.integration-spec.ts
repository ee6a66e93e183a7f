import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@portico/testing';
import type { MetricsService } from '@portico/platform';
import type { UpstreamRouterService } from '../src/upstreams/upstream-router.service';
import { TestUpstream, call, countBy, makeRouter, request, targets } from './upstreams-helpers';

let ups: TestUpstream[] = [];
let router: UpstreamRouterService;
let metrics: MetricsService;

beforeEach(async () => {
  ups = await Promise.all(['a', 'b'].map((n) => TestUpstream.start(n)));
});
afterEach(async () => {
  await router?.onApplicationShutdown();
  await Promise.all(ups.map((u) => u.close()));
});

const ok = (r: Awaited<ReturnType<typeof call>>) => 'status' in r && r.status === 200;
const healthOf = (address: string) => router.health().find((h) => h.instance === address);

async function freePort(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

describe('UpstreamRouter: retries', () => {
  it('loses no GET when one of two instances is killed mid-load', async () => {
    ({ router } = makeRouter());
    const [a, b] = ups;
    // Slow answers keep requests in flight on b when it dies.
    for (const u of ups) u.behave = (_req, res) => setTimeout(() => res.end(u.name), 5);
    const upstream = targets(ups);
    const results: Array<Awaited<ReturnType<typeof call>>> = [];
    let next = 0;
    let killed: Promise<void> | null = null;
    const worker = async () => {
      while (next < 300) {
        next++;
        if (next === 100) killed = b.kill();
        results.push(await call(router, upstream));
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await killed;

    expect(results).toHaveLength(300);
    expect(results.filter((r) => !ok(r))).toEqual([]);
    expect(b.hits).toBeGreaterThan(0);
    expect(a.hits).toBeGreaterThan(150);
    expect(healthOf(b.address)?.healthy).toBe(false); // ejected by passive health
  });

  it('does not retry a POST the instance received, but does retry a GET', async () => {
    ({ router } = makeRouter());
    const [a, b] = ups;
    a.behave = (_req, res) => res.socket?.destroy(); // took the request, then broke the connection
    const upstream = targets(ups);

    const post = await call(router, upstream, request({ method: 'POST', body: Buffer.from('x') }));
    expect(post).toEqual({ error: 'UPSTREAM_UNAVAILABLE' });
    expect([a.hits, b.hits]).toEqual([1, 0]);

    // The cursor is on b now; the next GET goes to a, breaks, and is retried on b.
    await call(router, upstream);
    const get = await call(router, upstream);
    expect(get).toMatchObject({ status: 200, body: 'b' });
    expect(a.seen.map((s) => s.method)).toEqual(['POST', 'GET']);
  });

  it('retries on another instance even when the balancer favours the failing one', async () => {
    ({ router } = makeRouter({ GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: 1_000 }));
    const [a, b] = ups;
    a.answer(503);
    const upstream = targets(ups, 'weighted', [10, 1]);
    for (let i = 0; i < 3; i++) expect(await call(router, upstream)).toMatchObject({ body: 'b' });
    expect([a.hits, b.hits]).toEqual([3, 3]);
  });

  it('retries even a POST when the instance refused the connection (nothing was sent)', async () => {
    ({ router } = makeRouter());
    const [, b] = ups;
    const upstream = {
      targets: [
        { url: await freePort(), weight: 100 },
        { url: b.url, weight: 100 },
      ],
      loadBalancing: 'round-robin' as const,
    };
    const post = await call(router, upstream, request({ method: 'POST', body: Buffer.from('x') }));
    expect(post).toMatchObject({ status: 200, body: 'b' });
    expect(b.seen.map((s) => [s.method, s.body])).toEqual([['POST', 'x']]);
  });

  it('answers UPSTREAM_TIMEOUT when the instance is too slow, and retries a GET elsewhere', async () => {
    ({ router } = makeRouter());
    const [a, b] = ups;
    a.hold();
    const single = targets([a]);
    expect(await call(router, single, request({ timeoutMs: 150, maxAttempts: 1 }))).toEqual({
      error: 'UPSTREAM_TIMEOUT',
    });

    const both = targets([a, b]);
    const r = await call(router, both, request({ timeoutMs: 150 }));
    expect(r).toMatchObject({ status: 200, body: 'b' });
    const err = await router
      .send(single, request({ timeoutMs: 150, maxAttempts: 1 }))
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'UpstreamError', instance: a.address });
  });
  it("also times out on undici's own (coarse) header timer", async () => {
    ({ router } = makeRouter({ GATEWAY_UPSTREAM_PRECISE_TIMEOUT_BELOW_MS: 0 }));
    const [a] = ups;
    a.hold();
    expect(await call(router, targets([a]), request({ timeoutMs: 150, maxAttempts: 1 }))).toEqual({
      error: 'UPSTREAM_TIMEOUT',
    });
  });
});

describe('UpstreamRouter: circuit breaker per instance', () => {
  it('opens after N failures so the instance is skipped, and closes after a good half-open trial', async () => {
    ({ router, metrics } = makeRouter({ GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: 1_000 }));
    const [a, b] = ups;
    a.answer(503);
    const upstream = targets(ups);
    const req = request({
      maxAttempts: 1,
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 1_500 },
    });
    const first = [];
    for (let i = 0; i < 6; i++) first.push(await call(router, upstream, req));
    // Without retries the upstream's own 503 passes through.
    expect(countBy(first, (r) => ('status' in r ? `${r.body}` : r.error))).toEqual({
      'a 503': 3,
      b: 3,
    });
    expect(healthOf(a.address)).toMatchObject({ circuit: 'open', healthy: false });
    expect(await metrics.render()).toContain(
      `portico_gateway_upstream_health{upstream="${a.url},${b.url}",instance="${a.address}",service="gateway-test"} 0`,
    );

    for (let i = 0; i < 6; i++)
      expect(await call(router, upstream, req)).toMatchObject({ body: 'b' });
    expect(a.hits).toBe(3);

    a.release(); // a recovers; after halfOpenAfterMs one trial request gets through and succeeds
    await waitFor(
      async () => {
        await call(router, upstream, req);
        return healthOf(a.address)?.circuit === 'closed';
      },
      { timeoutMs: 10_000, what: "a's circuit to close" },
    );
    const after = [];
    for (let i = 0; i < 4; i++) after.push(await call(router, upstream, req));
    expect(countBy(after, (r) => ('body' in r ? r.body : r.error))).toEqual({ a: 2, b: 2 });
    expect(await metrics.render()).toContain(`instance="${a.address}",service="gateway-test"} 1`);
  });

  it('answers UPSTREAM_UNAVAILABLE when every instance is out', async () => {
    ({ router } = makeRouter({ GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: 1_000 }));
    const [a] = ups;
    a.answer(502);
    const upstream = targets([a]);
    const req = request({ circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    // Two attempts open the circuit; the third finds nothing and the 502 is not passed on.
    expect(await call(router, upstream, req)).toEqual({ error: 'UPSTREAM_UNAVAILABLE' });
    expect(a.hits).toBe(2);
    expect(await call(router, upstream, req)).toEqual({ error: 'UPSTREAM_UNAVAILABLE' });
    expect(a.hits).toBe(2);
  });
});

describe('UpstreamRouter: passive and active health', () => {
  it('ejects an instance after consecutive failures and re-admits it after the cool-down', async () => {
    ({ router } = makeRouter({
      GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: 2,
      GATEWAY_UPSTREAM_EJECT_COOLDOWN_MS: 1_500,
    }));
    const [a] = ups;
    a.answer(502);
    const upstream = targets(ups);
    // Retried on b, so the caller never sees a's failures.
    for (let i = 0; i < 4; i++) expect(await call(router, upstream)).toMatchObject({ body: 'b' });
    expect(a.hits).toBe(2);
    expect(healthOf(a.address)).toMatchObject({ healthy: false, circuit: 'closed' });
    for (let i = 0; i < 4; i++) await call(router, upstream);
    expect(a.hits).toBe(2); // out for the cool-down

    a.release();
    await waitFor(
      async () => {
        const r = await call(router, upstream);
        return 'body' in r && r.body === 'a';
      },
      { timeoutMs: 10_000, what: 'a to be re-admitted' },
    );
    expect(healthOf(a.address)?.healthy).toBe(true);
  });

  it('takes an instance out when its health checks fail and back when they pass', async () => {
    ({ router } = makeRouter({ GATEWAY_UPSTREAM_HEALTHY_THRESHOLD: 2 }));
    const [a, b] = ups;
    const upstream = {
      ...targets(ups),
      healthCheck: { path: '/health', intervalMs: 100, timeoutMs: 500, unhealthyThreshold: 2 },
    };
    expect(await call(router, upstream)).toMatchObject({ body: 'a' });
    a.healthy = false; // traffic itself would still succeed: only the checks can tell
    await waitFor(() => healthOf(a.address)?.healthy === false, {
      timeoutMs: 10_000,
      what: 'a to fail its checks',
    });
    const hitsBefore = a.hits;
    for (let i = 0; i < 6; i++) expect(await call(router, upstream)).toMatchObject({ body: 'b' });
    expect(a.hits).toBe(hitsBefore);

    a.healthy = true;
    await waitFor(() => healthOf(a.address)?.healthy === true, {
      timeoutMs: 10_000,
      what: 'a to pass its checks again',
    });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call(router, upstream));
    expect(countBy(results, (r) => ('body' in r ? r.body : r.error))).toEqual({ a: 2, b: 2 });
    expect(b.hits).toBeGreaterThan(0);
  });
});
