import { waitFor } from '@portico/testing';
import type { UpstreamRouterService } from '../src/upstreams/upstream-router.service';
import {
  TestUpstream,
  call,
  countBy,
  makeRouter,
  request,
  targets,
  text,
} from './upstreams-helpers';

let ups: TestUpstream[] = [];
let router: UpstreamRouterService;

beforeEach(async () => {
  ups = await Promise.all(['a', 'b', 'c'].map((n) => TestUpstream.start(n)));
  ({ router } = makeRouter());
});
afterEach(async () => {
  await router.onApplicationShutdown();
  await Promise.all(ups.map((u) => u.close()));
});

async function sequential(n: number, upstream = targets(ups)): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call(router, upstream);
    out.push('body' in r ? r.body : r.error);
  }
  return out;
}

describe('UpstreamRouter: load balancing over explicit targets', () => {
  it('round-robin spreads requests evenly and reports which instance answered', async () => {
    const upstream = targets(ups);
    expect(countBy(await sequential(30, upstream), (b) => b)).toEqual({ a: 10, b: 10, c: 10 });
    const res = await router.send(upstream, request());
    const name = await text(res.body);
    expect(res.instance).toBe(ups.find((u) => u.name === name)?.address);
    expect(res.latencyMs).toBeGreaterThan(0);
  });

  it('weighted follows the weights (smooth weighted round-robin)', async () => {
    const upstream = targets(ups, 'weighted', [6, 3, 1]);
    expect(countBy(await sequential(50, upstream), (b) => b)).toEqual({ a: 30, b: 15, c: 5 });
  });

  it('least-connections sends new requests to the instance with fewer in flight', async () => {
    const [a, b] = ups;
    const upstream = targets([a, b], 'least-connections');
    a.hold();
    b.hold();
    const first = Array.from({ length: 10 }, () => call(router, upstream));
    await waitFor(() => a.hits + b.hits === 10, { timeoutMs: 10_000, what: '10 requests held' });
    expect([a.hits, b.hits]).toEqual([5, 5]);

    b.release(); // b's five finish, a's five stay in flight
    await waitFor(() => router.health().find((h) => h.instance === b.address)?.inFlight === 0, {
      timeoutMs: 10_000,
      what: "b's requests to finish",
    });
    b.hold();
    const second = Array.from({ length: 4 }, () => call(router, upstream));
    await waitFor(() => b.hits === 9, { timeoutMs: 10_000, what: 'four more requests on b' });
    expect(a.hits).toBe(5);
    a.release();
    b.release();
    const results = await Promise.all([...first, ...second]);
    expect(results.every((r) => 'status' in r && r.status === 200)).toBe(true);
    expect(router.health().map((h) => h.inFlight)).toEqual([0, 0]);
  });
});

describe('UpstreamRouter: what is sent', () => {
  it('prefixes the target path, forwards method, body and end-to-end headers, drops hop-by-hop ones', async () => {
    const [a] = ups;
    a.behave = (_req, res) => {
      res.setHeader('X-Upstream', 'a');
      res.setHeader('Keep-Alive', 'timeout=5');
      res.end('created');
    };
    const res = await router.send(
      { targets: [{ url: `${a.url}/base/`, weight: 100 }], loadBalancing: 'round-robin' },
      request({
        method: 'POST',
        path: '/items?x=1',
        body: Buffer.from('{"n":1}'),
        headers: {
          'content-type': 'application/json',
          'content-length': '999',
          expect: '100-continue',
          'proxy-authorization': 'Basic eA==',
          connection: 'x-hop',
          'x-hop': '1',
          'x-trace': ['t1', 't2'],
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-upstream']).toBe('a');
    expect(res.headers['keep-alive']).toBeUndefined();
    expect(res.headers.connection).toBeUndefined();
    expect(await text(res.body)).toBe('created');
    const seen = a.seen[0];
    expect(seen).toMatchObject({ method: 'POST', url: '/base/items?x=1', body: '{"n":1}' });
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '7',
      host: a.address,
      'x-trace': 't1, t2',
    });
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers['x-hop']).toBeUndefined();
  });

  it('reuses keep-alive connections', async () => {
    const [a] = ups;
    const sockets = new Set<unknown>();
    a.behave = (_req, res) => res.end('ok');
    a.server.on('connection', (s) => sockets.add(s));
    await sequential(20, targets([a]));
    expect(a.hits).toBe(20);
    // undici may open a second connection while the first is finishing; never one per request.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});

describe('UpstreamRouter: sets across snapshots', () => {
  it('keeps the set of an unchanged definition and closes sets no snapshot references', async () => {
    const [a, b] = ups;
    const v1 = targets([a, b]);
    const v1Again = targets([a, b]); // same definition, new object (next snapshot)
    await sequential(1, v1);
    await sequential(1, v1Again);
    expect(router.health()).toHaveLength(2); // one set, two instances
    expect(countBy([...a.seen, ...b.seen], (s) => s.url)).toEqual({ '/': 2 });
    expect([a.hits, b.hits]).toEqual([1, 1]); // the round-robin cursor carried over

    const only = targets([b]);
    await sequential(1, only);
    expect(router.health()).toHaveLength(3);
    a.hold();
    const held = call(router, v1); // the round-robin cursor is on a
    await waitFor(() => a.hits === 2, { timeoutMs: 10_000, what: 'a request held on a' });
    router.retain([only]);
    expect(router.health().map((h) => h.instance)).toEqual([b.address]);
    a.release(); // the closed set's request in flight still completes
    expect(await held).toMatchObject({ status: 200, body: 'a' });

    // A request still holding the old definition gets a fresh set rather than a closed one.
    expect(await sequential(2, v1)).toEqual(['a', 'b']);
  });
});
