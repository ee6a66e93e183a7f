/**
 * Gateway benchmark (run on demand, not part of npm test): see README.md.
 *
 *   pnpm --filter @portico/bench-gateway bench
 *
 * Every participant is its own process: the upstream, the proxy under test, and each load run.
 * Scenarios, same autocannon settings for all: (a) upstream direct, (b) fast-gateway, (c) Portico
 * with a route and no policies (request events off), (d) Portico with API-key auth, a rate limit that
 * never triggers, and request events on. Then a fixed-rate run per scenario for the p50 latency added
 * over direct. Needs NATS for (c)/(d), as for the tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RouteSnapshotSchema } from '@portico/contracts';
import { CredentialsDouble, releaseNamespace } from '@portico/testing';
import type { LoadResult, LoadSpec } from './load';
import { freePort, spawnTs, stop, waitForHttp, waitReady, type Child } from './processes';
import { benchSnapshot } from './snapshot';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const SETTINGS = {
  connections: num('BENCH_CONNECTIONS', 50),
  durationS: num('BENCH_DURATION_S', 10),
  warmupS: num('BENCH_WARMUP_S', 2),
  rate: num('BENCH_RATE', 1000),
  rateConnections: num('BENCH_RATE_CONNECTIONS', 10),
};
const API_KEY = `pk_bench_gateway_${randomBytes(12).toString('hex')}`;
const PATH_PLAIN = '/v1/bench/plain';
const PATH_GUARDED = '/v1/bench/guarded';

type Id = 'a' | 'b' | 'r' | 'c' | 'd' | 'e';
interface Scenario {
  id: Id;
  title: string;
  url: string | null;
  headers?: Record<string, string>;
  /** Why the scenario could not run. */
  unavailable?: string;
  child?: Child;
  throughput?: LoadResult;
  fixedRate?: LoadResult;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const child = spawnTs('load.ts', {}, [JSON.stringify(spec)]);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`load run failed (${code}): ${err.slice(-500)}`);
  return JSON.parse(line) as LoadResult;
}

async function startPortico(
  snapshotFile: string,
  spillDir: string,
  namespace: string,
  events: boolean,
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnTs(path.join('..', '..', '..', 'apps', 'gateway', 'src', 'main.ts'), {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NATS_URL,
    PORTICO_NATS_NAMESPACE: namespace,
    PORTICO_SECRET_KEY: randomBytes(32).toString('base64'),
    GATEWAY_ROUTES_FILE: snapshotFile,
    GATEWAY_EVENTS_ENABLED: String(events),
    GATEWAY_EVENTS_SPILL_DIR: spillDir,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health/live`, child, 90_000);
  } catch (e) {
    await stop(child);
    throw e;
  }
  return { child, url };
}

/**
 * Portico serves the route only once the data plane (GATEWAY_ROUTES_FILE) is there. A 503 right
 * after start (NATS not connected yet, so credentials cannot be checked) is retried for a while.
 */
async function probe(url: string, headers: Record<string, string> = {}): Promise<string | null> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const why = await probeOnce(url, headers);
    if (why === null || !why.includes(' answered 503 ') || Date.now() > deadline) return why;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function probeOnce(url: string, headers: Record<string, string>): Promise<string | null> {
  try {
    const res = await fetch(url, { headers });
    const text = await res.text();
    if (res.status === 200 && text.includes('"bench":true')) return null;
    return `GET ${new URL(url).pathname} answered ${res.status} ${text.slice(0, 120)}`;
  } catch (e) {
    return `GET ${url} failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** (d) must really run its policies: 401 without the key, RateLimit-* headers with it. */
async function policiesActive(url: string): Promise<string | null> {
  const anonymous = await fetch(url);
  await anonymous.text();
  if (anonymous.status !== 401) {
    return `auth stage not active: ${anonymous.status} without an API key (expected 401)`;
  }
  const keyed = await fetch(url, { headers: { 'x-api-key': API_KEY } });
  await keyed.text();
  if (!keyed.headers.has('ratelimit-limit'))
    return 'rate-limit stage not active: no RateLimit-Limit';
  return null;
}

const f = (n: number | undefined, digits = 2) =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);

function report(scenarios: Scenario[]): void {
  const by = Object.fromEntries(scenarios.map((s) => [s.id, s])) as Record<Id, Scenario>;
  const lines: string[] = [];
  lines.push(
    `\nThroughput: ${SETTINGS.connections} connections, ${SETTINGS.durationS} s after a ${SETTINGS.warmupS} s warm-up`,
  );
  lines.push(
    'scenario                                              req/s     p50 ms    p99 ms  errors/non-2xx',
  );
  for (const s of scenarios) {
    const t = s.throughput;
    lines.push(
      t
        ? `${s.title.padEnd(50)} ${f(t.rps, 0).padStart(9)} ${f(t.p50).padStart(9)} ${f(t.p99).padStart(9)}  ${t.errors}/${t.non2xx}`
        : `${s.title.padEnd(50)}   not available: ${s.unavailable ?? 'failed'}`,
    );
  }
  const ratio = (x: Id, y: Id) =>
    by[x].throughput && by[y].throughput
      ? by[x].throughput!.rps / by[y].throughput!.rps
      : undefined;
  lines.push(`ratio (d)/(b) = ${f(ratio('d', 'b'))}   (target ≥ 1.5)`);
  lines.push(`ratio (d)/(c) = ${f(ratio('d', 'c'))}   (target ≥ 0.9)`);
  lines.push(`ratio (c)/(b) = ${f(ratio('c', 'b'))}`);
  lines.push(
    `ratio (r)/(b) = ${f(ratio('r', 'b'))}   (reference: the most a Node proxy gets here)`,
  );
  lines.push(`ratio (d)/(r) = ${f(ratio('d', 'r'))}`);
  lines.push(
    `\nFixed rate: ${SETTINGS.rate} req/s over ${SETTINGS.rateConnections} connections, ${SETTINGS.durationS} s`,
  );
  lines.push(
    'scenario                                              p50 ms    p99 ms   p50 added over direct',
  );
  const direct = by.a.fixedRate?.p50;
  for (const s of scenarios) {
    const r = s.fixedRate;
    const added = r && direct !== undefined && s.id !== 'a' ? r.p50 - direct : undefined;
    lines.push(
      r
        ? `${s.title.padEnd(50)} ${f(r.p50, 3).padStart(9)} ${f(r.p99, 3).padStart(9)}   ${s.id === 'a' ? '' : `${f(added, 3)} ms`}`
        : `${s.title.padEnd(50)}   not available`,
    );
  }
  lines.push('(target: (d) adds ≤ 1 ms at p50)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'portico-bench-gateway-'));
  const namespace = `bench${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const children: Child[] = [];
  let creds: CredentialsDouble | undefined;
  try {
    const upstream = spawnTs('upstream.ts', {});
    children.push(upstream);
    const upstreamUrl = `http://127.0.0.1:${await waitReady(upstream)}`;
    const snapshotFile = path.join(work, 'routes.json');
    await writeFile(
      snapshotFile,
      JSON.stringify(RouteSnapshotSchema.parse(benchSnapshot(upstreamUrl)), null, 2),
    );

    creds = await CredentialsDouble.start({ namespace, natsUrl: NATS_URL });
    creds.addKey(API_KEY, { role: 'consumer', consumerId: 'con_bench', keyId: 'key_bench' });

    const scenarios: Scenario[] = [
      { id: 'a', title: '(a) upstream direct (node:http)', url: `${upstreamUrl}/plain` },
      { id: 'b', title: '(b) fast-gateway 3.4.7, 1 process', url: null },
      { id: 'r', title: '(r) bare node:http + undici Pool (reference)', url: null },
      { id: 'c', title: '(c) Portico, route without policies, events off', url: null },
      {
        id: 'd',
        title: '(d) Portico, API key + rate limit + events',
        url: null,
        headers: { 'x-api-key': API_KEY },
      },
      {
        id: 'e',
        title: '(e) Portico, API key + rate limit, events off',
        url: null,
        headers: { 'x-api-key': API_KEY },
      },
    ];
    // One proxy at a time: each is started just before its runs and stopped right after.
    // BENCH_ONLY=a,c,d: a subset (e.g. to isolate a cost); (a) is always measured for the baseline.
    const only = process.env['BENCH_ONLY']?.split(',').map((x) => x.trim());
    for (const s of scenarios) {
      if (only && s.id !== 'a' && !only.includes(s.id)) {
        s.unavailable = 'skipped (BENCH_ONLY)';
        continue;
      }
      try {
        if (s.id === 'b' || s.id === 'r') {
          const port = await freePort();
          s.child = spawnTs(s.id === 'b' ? 'fast-gateway-proxy.ts' : 'bare-proxy.ts', {
            UPSTREAM_URL: upstreamUrl,
            PORT: String(port),
          });
          children.push(s.child);
          await waitReady(s.child);
          s.url = `http://127.0.0.1:${port}${PATH_PLAIN}`;
        } else if (s.id !== 'a') {
          const p = await startPortico(
            snapshotFile,
            path.join(work, `spill-${s.id}`),
            namespace,
            s.id === 'd',
          );
          s.child = p.child;
          children.push(p.child);
          s.url = `${p.url}${s.id === 'c' ? PATH_PLAIN : PATH_GUARDED}`;
        }
        s.unavailable = (await probe(s.url!, s.headers)) ?? undefined;
        if (!s.unavailable && (s.id === 'd' || s.id === 'e'))
          s.unavailable = (await policiesActive(s.url!)) ?? undefined;
      } catch (e) {
        s.unavailable = e instanceof Error ? e.message.split('\n')[0] : String(e);
      }
      if (!s.unavailable) {
        process.stderr.write(`measuring ${s.title} ...\n`);
        const common = { url: s.url!, headers: s.headers ?? {}, durationS: SETTINGS.durationS };
        s.throughput = await load({
          ...common,
          connections: SETTINGS.connections,
          warmupS: SETTINGS.warmupS,
        });
        s.fixedRate = await load({
          ...common,
          connections: SETTINGS.rateConnections,
          warmupS: 1,
          rate: SETTINGS.rate,
        });
      } else {
        process.stderr.write(`${s.title}: not available (${s.unavailable})\n`);
      }
      if (s.child) await stop(s.child);
    }
    report(scenarios);
  } finally {
    for (const c of children.reverse()) await stop(c);
    await creds?.stop();
    await releaseNamespace(namespace, NATS_URL);
    await rm(work, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
