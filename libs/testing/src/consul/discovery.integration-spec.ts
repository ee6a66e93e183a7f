import { randomUUID } from 'node:crypto';
import { silentLogger } from '@portico/contracts';
import {
  ConsulClient,
  ConsulDiscovery,
  ConsulError,
  ServiceRegistration,
  createDiscovery,
  type Discovery,
  type ServiceInstance,
} from '@portico/discovery';
import { ConsulDouble } from './consul-double';
import { startReadinessApp, type ReadinessApp } from './readiness-app';
import { waitFor } from './wait-for';

/**
 * @portico/discovery end to end against Consul's HTTP API. Always against the double; also against
 * a real agent when CONSUL_HTTP_ADDR is set (CONSUL_HTTP_TOKEN for its ACL token). The agent must
 * be able to reach this process for its HTTP checks: apps listen on 127.0.0.1 unless
 * CONSUL_TEST_CHECK_ADDRESS names the address the agent should use (they then listen on 0.0.0.0).
 */
interface Target {
  kind: 'double' | 'agent';
  addr: string;
  token?: string;
  double?: ConsulDouble;
  /** Consul's smallest check interval is 1s; the double honours shorter ones. */
  checkInterval: string;
  checkIntervalMs: number;
}

const targets: Array<Target['kind']> = process.env.CONSUL_HTTP_ADDR
  ? ['double', 'agent']
  : ['double'];
const checkAddress = process.env.CONSUL_TEST_CHECK_ADDRESS;

describe.each(targets)('discovery against the Consul %s', (kind) => {
  let target: Target;
  let client: ConsulClient;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    if (kind === 'double') {
      const double = await ConsulDouble.start();
      target = { kind, addr: double.addr, double, checkInterval: '100ms', checkIntervalMs: 100 };
    } else {
      const addr = process.env.CONSUL_HTTP_ADDR!;
      target = {
        kind,
        addr,
        token: process.env.CONSUL_HTTP_TOKEN,
        checkInterval: '1s',
        checkIntervalMs: 1_000,
      };
    }
    client = new ConsulClient({ addr: target.addr, token: target.token });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await target.double?.stop();
  });

  const uniqueName = () => `portico-it-${randomUUID().slice(0, 8)}`;

  async function app(status: number): Promise<ReadinessApp> {
    const a = await startReadinessApp(
      status,
      checkAddress ? { host: '0.0.0.0', advertise: checkAddress } : {},
    );
    cleanups.push(() => a.close());
    return a;
  }

  async function registered(
    name: string,
    a: ReadinessApp,
    extra: { tags?: string[]; meta?: Record<string, string> } = {},
  ) {
    const reg = new ServiceRegistration(client, {
      name,
      address: a.address,
      port: a.port,
      checkInterval: target.checkInterval,
      checkTimeout: '1s',
      ...extra,
    });
    await reg.register();
    cleanups.push(() => reg.deregister());
    return reg;
  }

  function discovery(): ConsulDiscovery {
    // A long wait: anything that arrives well before it came from a blocking query waking up.
    const d = new ConsulDiscovery(client, {
      waitSeconds: 20,
      rateLimit: { burst: 2, intervalMs: 20 },
    });
    cleanups.push(() => d.close());
    return d;
  }

  const urls = (list: ServiceInstance[]) => list.map((i) => i.url);

  it('resolves an instance once its readiness check passes', async () => {
    const name = uniqueName();
    const a = await app(503);
    await registered(name, a, { tags: ['v0.1.0'], meta: { version: '0.1.0' } });
    const d = discovery();
    expect(await d.resolve(name)).toEqual([]);
    a.setStatus(200);
    const [instance] = await waitFor(
      async () => {
        const list = await d.resolve(name);
        return list.length === 1 && list;
      },
      { what: 'a passing instance', timeoutMs: 10 * target.checkIntervalMs + 5_000 },
    );
    expect(instance).toEqual({
      id: `${name}-${a.address}-${a.port}`,
      service: name,
      address: a.address,
      port: a.port,
      url: a.url,
      tags: ['v0.1.0'],
      meta: { version: '0.1.0' },
      healthy: true,
    });
  });

  it('drops an instance whose readiness fails and tells subscribers within a check round', async () => {
    const name = uniqueName();
    const a = await app(200);
    await registered(name, a);
    const d = discovery();
    const seen: string[][] = [];
    d.subscribe(name, (list) => seen.push(urls(list)));
    await waitFor(() => seen.some((s) => s.length === 1), {
      what: 'healthy',
      timeoutMs: 10 * target.checkIntervalMs + 5_000,
    });

    const flipped = Date.now();
    a.setStatus(503);
    await waitFor(() => seen.at(-1)?.length === 0, {
      what: 'the subscriber to hear it',
      timeoutMs: 15_000,
    });
    // The next check run sees the 503 (<= one interval, plus Consul's stagger), Consul's blocking
    // query wakes at once: far below the 20 s wait the loop blocks for.
    expect(Date.now() - flipped).toBeLessThan(2 * target.checkIntervalMs + 1_500);
    expect(await d.resolve(name)).toEqual([]);

    a.setStatus(200);
    await waitFor(async () => (await d.resolve(name)).length === 1, {
      what: 'recovery',
      timeoutMs: 15_000,
    });
    expect(seen.at(-1)).toEqual([a.url]);
  });

  it('deregister removes the instance and subscribers hear it', async () => {
    const name = uniqueName();
    const a = await app(200);
    const reg = await registered(name, a);
    const d = discovery();
    const seen: number[] = [];
    d.subscribe(name, (list) => seen.push(list.length));
    await waitFor(() => seen.at(-1) === 1, {
      what: 'healthy',
      timeoutMs: 10 * target.checkIntervalMs + 5_000,
    });
    const started = Date.now();
    await reg.deregister();
    await waitFor(() => seen.at(-1) === 0, { what: 'removal' });
    expect(Date.now() - started).toBeLessThan(1_500);
    await reg.deregister(); // idempotent
  });

  it('knows several instances and answers [] for a name nobody registered', async () => {
    const name = uniqueName();
    const [a, b] = [await app(200), await app(200)];
    await registered(name, a);
    await registered(name, b);
    const d = discovery();
    await waitFor(async () => (await d.resolve(name)).length === 2, {
      what: 'two instances',
      timeoutMs: 10 * target.checkIntervalMs + 5_000,
    });
    expect(urls(await d.resolve(name)).sort()).toEqual([a.url, b.url].sort());
    expect(await d.resolve(uniqueName())).toEqual([]);
  });

  it('close() ends the blocking loops promptly', async () => {
    const name = uniqueName();
    const d = new ConsulDiscovery(client, { waitSeconds: 60 });
    await d.resolve(name);
    await d.resolve(uniqueName());
    const started = Date.now();
    await d.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(d.resolve(name)).rejects.toThrow(/closed/);
  });

  it('createDiscovery() picks Consul from the address and works end to end', async () => {
    const name = uniqueName();
    const a = await app(200);
    await registered(name, a);
    const d: Discovery = createDiscovery({ consulAddr: target.addr, consulToken: target.token });
    cleanups.push(() => d.close());
    expect(d.mode).toBe('consul');
    await waitFor(async () => (await d.resolve(name)).length === 1, {
      what: 'instance',
      timeoutMs: 10 * target.checkIntervalMs + 5_000,
    });
  });

  if (kind === 'double') {
    it('a forced critical status reaches a subscriber within the blocking round trip', async () => {
      const double = target.double!;
      const name = uniqueName();
      const a = await app(200);
      const reg = await registered(name, a);
      const d = discovery();
      const seen: number[] = [];
      d.subscribe(name, (list) => seen.push(list.length));
      await waitFor(() => seen.at(-1) === 1, { what: 'healthy' });
      // Make sure the loop is parked in a blocking query before changing anything.
      await waitFor(() =>
        double.blockedQueries().some((r) => r.path === `/v1/health/service/${name}`),
      );
      const started = Date.now();
      double.setCheckStatus(reg.id, 'critical');
      await waitFor(() => seen.at(-1) === 0, { what: 'the subscriber', timeoutMs: 2_000 });
      expect(Date.now() - started).toBeLessThan(1_000);
      double.releaseCheck(reg.id);
      await waitFor(() => seen.at(-1) === 1, { what: 'the real check to restore it' });
    });

    it('sends the ACL token, and without it fails with ConsulError', async () => {
      const secured = await ConsulDouble.start({ token: 'root-token' });
      cleanups.push(() => secured.stop());
      const ok = createDiscovery({ consulAddr: secured.addr, consulToken: 'root-token' });
      cleanups.push(() => ok.close());
      expect(await ok.resolve('anything')).toEqual([]);
      const denied = new ConsulDiscovery(new ConsulClient({ addr: secured.addr }), {
        errorBackoff: { initialMs: 10_000 },
      });
      cleanups.push(() => denied.close());
      const err = await denied.resolve('anything').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConsulError);
      expect(err).toMatchObject({ consulStatus: 403 });
    });

    it('keeps serving the last good list when Consul goes away', async () => {
      const other = await ConsulDouble.start();
      cleanups.push(() => other.stop());
      const name = uniqueName();
      const a = await app(200);
      const otherClient = new ConsulClient({ addr: other.addr });
      await new ServiceRegistration(otherClient, {
        name,
        address: a.address,
        port: a.port,
        checkInterval: '50ms',
      }).register();
      let failures = 0;
      const logger = { ...silentLogger, warn: () => void failures++ };
      const d = new ConsulDiscovery(otherClient, {
        waitSeconds: 20,
        rateLimit: { burst: 2, intervalMs: 20 },
        errorBackoff: { initialMs: 20, maxMs: 50 },
        logger,
      });
      cleanups.push(() => d.close());
      await waitFor(async () => (await d.resolve(name)).length === 1, { what: 'healthy' });
      await other.stop();
      await waitFor(() => failures >= 3, { what: 'a few failed rounds' });
      expect(urls(await d.resolve(name))).toEqual([a.url]);
    });
  }
});
