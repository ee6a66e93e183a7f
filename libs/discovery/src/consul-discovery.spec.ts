import type { LoggerLike } from '@portico/contracts';
import { ConsulError, type HealthServiceOptions, type HealthServiceResult } from './consul-client';
import { ConsulDiscovery, type ConsulDiscoveryOptions } from './consul-discovery';
import type { HealthSource } from './service-watch';
import type { ServiceInstance } from './types';

interface Call {
  name: string;
  opts: HealthServiceOptions;
  at: number;
  resolve(r: HealthServiceResult): void;
  reject(e: unknown): void;
}

/** A scripted Consul: each healthService() call waits until the test answers it (or auto-answers). */
class FakeSource implements HealthSource {
  readonly calls: Call[] = [];
  auto?: (call: Call) => void;

  healthService(name: string, opts: HealthServiceOptions): Promise<HealthServiceResult> {
    return new Promise((resolve, reject) => {
      const call: Call = { name, opts, at: Date.now(), resolve, reject };
      opts.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      );
      this.calls.push(call);
      this.auto?.(call);
    });
  }

  async call(n: number): Promise<Call> {
    await waitFor(() => this.calls.length > n, `call #${n}`);
    return this.calls[n];
  }
}

async function waitFor(cond: () => boolean, what = 'condition', timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const inst = (id: string, port = 3001, healthy = true): ServiceInstance => ({
  id,
  service: 'svc',
  address: '10.0.0.1',
  port,
  url: `http://10.0.0.1:${port}`,
  tags: [],
  meta: {},
  healthy,
});

function recordingLogger() {
  const lines: Array<{ level: string; msg?: string }> = [];
  const at = (level: string) => (_obj: object | string, msg?: string) =>
    void lines.push({ level, msg });
  const logger: LoggerLike = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

describe('ConsulDiscovery', () => {
  let source: FakeSource;
  let discovery: ConsulDiscovery;
  const make = (opts: ConsulDiscoveryOptions = {}) => {
    source = new FakeSource();
    discovery = new ConsulDiscovery(source, {
      waitSeconds: 5,
      rateLimit: { burst: 2, intervalMs: 1 },
      ...opts,
    });
    return discovery;
  };
  afterEach(async () => {
    await discovery?.close();
  });

  it('waits for the first answer, then serves resolve() from its cache while it blocks for changes', async () => {
    make();
    const first = discovery.resolve('svc');
    const c0 = await source.call(0);
    expect(c0.name).toBe('svc');
    expect(c0.opts).toMatchObject({ passing: true, index: 0, waitSeconds: 5 });
    c0.resolve({ instances: [inst('b'), inst('a')], index: 7 });
    expect((await first).map((i) => i.id)).toEqual(['a', 'b']);

    const c1 = await source.call(1);
    expect(c1.opts.index).toBe(7);
    expect((await discovery.resolve('svc')).map((i) => i.id)).toEqual(['a', 'b']);
    expect(source.calls).toHaveLength(2);
  });

  it('keeps only healthy instances even if Consul ignored ?passing', async () => {
    make();
    const p = discovery.resolve('svc');
    (await source.call(0)).resolve({ instances: [inst('a'), inst('sick', 3002, false)], index: 3 });
    expect((await p).map((i) => i.id)).toEqual(['a']);
  });

  it('notifies subscribers with the current list and then only on real changes', async () => {
    make();
    const seen: string[][] = [];
    discovery.subscribe('svc', (list) => seen.push(list.map((i) => i.id)));
    (await source.call(0)).resolve({ instances: [inst('a')], index: 3 });
    await waitFor(() => seen.length === 1);
    (await source.call(1)).resolve({ instances: [inst('a')], index: 4 }); // idempotent write
    (await source.call(2)).resolve({ instances: [inst('a')], index: 4 }); // wait timed out
    (await source.call(3)).resolve({ instances: [inst('a'), inst('b')], index: 9 });
    await waitFor(() => seen.length === 2);
    (await source.call(4)).resolve({ instances: [inst('b')], index: 10 });
    await waitFor(() => seen.length === 3);
    expect(seen).toEqual([['a'], ['a', 'b'], ['b']]);

    const late: string[][] = [];
    const off = discovery.subscribe('svc', (list) => late.push(list.map((i) => i.id)));
    await waitFor(() => late.length === 1);
    expect(late).toEqual([['b']]);
    off();
    (await source.call(5)).resolve({ instances: [], index: 11 });
    await waitFor(() => seen.length === 4);
    expect(late).toHaveLength(1);
  });

  it('a listener that throws neither stops the loop nor other listeners', async () => {
    const { logger, lines } = recordingLogger();
    make({ logger });
    const good: number[] = [];
    discovery.subscribe('svc', () => {
      throw new Error('bad listener');
    });
    discovery.subscribe('svc', (l) => good.push(l.length));
    (await source.call(0)).resolve({ instances: [inst('a')], index: 2 });
    (await source.call(1)).resolve({ instances: [inst('a'), inst('b')], index: 3 });
    await waitFor(() => good.length === 2);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(2);
  });

  it("follows Consul's index rules: reset to 0 when it goes backwards, never block below 1", async () => {
    make();
    void discovery.resolve('svc');
    (await source.call(0)).resolve({ instances: [], index: 50 });
    expect((await source.call(1)).opts.index).toBe(50);
    source.calls[1].resolve({ instances: [], index: 20 }); // e.g. a snapshot restore
    expect((await source.call(2)).opts.index).toBe(0);
    source.calls[2].resolve({ instances: [], index: 0 }); // the Consul bug the docs warn about
    expect((await source.call(3)).opts.index).toBe(1);
    source.calls[3].resolve({ instances: [], index: 21 });
    expect((await source.call(4)).opts.index).toBe(21);
  });

  it('does not spin when Consul answers at once with the same index: it degrades to the rate limit', async () => {
    make({ rateLimit: { burst: 2, intervalMs: 40 } });
    source.auto = (call) => setImmediate(() => call.resolve({ instances: [inst('a')], index: 5 }));
    const started = Date.now();
    await discovery.resolve('svc');
    await waitFor(() => source.calls.length >= 7, '7 calls');
    const elapsed = Date.now() - started;
    // 2 calls from the burst, then at most one per 40 ms.
    expect(elapsed).toBeGreaterThanOrEqual((7 - 2) * 40 - 10);
    const gaps = source.calls.slice(3).map((c, i) => c.at - source.calls[i + 2].at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(30);
  });

  it('serves the last good list while Consul fails, backing off between attempts, and recovers', async () => {
    const { logger, lines } = recordingLogger();
    make({ logger, errorBackoff: { initialMs: 20, maxMs: 80 } });
    const first = discovery.resolve('svc');
    (await source.call(0)).resolve({ instances: [inst('a')], index: 3 });
    await first;
    source.auto = (call) => call.reject(new ConsulError('Consul at x is unreachable'));
    source.calls[1].reject(new ConsulError('Consul at x is unreachable'));
    await waitFor(() => source.calls.length >= 6, 'failing calls');
    expect((await discovery.resolve('svc')).map((i) => i.id)).toEqual(['a']);

    const gaps = source.calls.slice(2, 6).map((c, i) => c.at - source.calls[i + 1].at);
    // Equal jitter: each wait is at least half its base (20, 40, 80, 80 ms).
    [10, 20, 40, 40].forEach((min, i) => expect(gaps[i]).toBeGreaterThanOrEqual(min - 3));
    expect(lines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(4);

    source.auto = undefined;
    const n = source.calls.length;
    (await source.call(n)).resolve({ instances: [inst('b')], index: 9 });
    await waitFor(() => lines.some((l) => l.msg === 'Consul is answering again'));
    expect((await discovery.resolve('svc')).map((i) => i.id)).toEqual(['b']);
  });

  it('without any answer yet, resolve() fails with the Consul error instead of hanging', async () => {
    make({ errorBackoff: { initialMs: 5_000, maxMs: 5_000 } });
    const first = discovery.resolve('svc');
    (await source.call(0)).reject(new ConsulError('Consul at x is unreachable'));
    await expect(first).rejects.toBeInstanceOf(ConsulError);
    // During the backoff, callers fail fast too.
    const started = Date.now();
    await expect(discovery.resolve('svc')).rejects.toThrow('unreachable');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('close() aborts the blocked queries, ends the loops and refuses further use', async () => {
    make();
    const p = discovery.resolve('svc');
    (await source.call(0)).resolve({ instances: [inst('a')], index: 3 });
    await p;
    const blocked = await source.call(1);
    const other = discovery.resolve('other');
    await source.call(2);
    await discovery.close();
    expect(blocked.opts.signal?.aborted).toBe(true);
    await expect(other).rejects.toThrow(/closed/);
    await expect(discovery.resolve('svc')).rejects.toThrow(/closed/);
    expect(() => discovery.subscribe('svc', () => undefined)).toThrow(/closed/);
    expect(source.calls).toHaveLength(3);
  });
});
