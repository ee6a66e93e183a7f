/**
 * Analytics benchmark (not part of npm test):
 *  1. baseline: raw JetStream publish + durable consume + event parsing, no database;
 *  2. ingest of live traffic (event times = now) through the real service, from the first publish to
 *     the last commit;
 *  3. ingest of 24 hours of traffic (event times spread over the last day) into a fresh schema, then
 *     the latency of GET /api/v1/metrics?timeRange=24h over those stored events, after the hours are
 *     rolled up.
 * The service runs as its own process (as in production), the publisher plays the gateway.
 *
 *   node --conditions=@portico/source -r @swc-node/register tools/bench/analytics/bench.ts
 *
 * Needs PostgreSQL and NATS as for the tests. Env: BENCH_EVENTS (default 1000000), BENCH_QUERIES (200).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { Streams, trafficSubject, type RequestEvent } from '../../../libs/contracts/src/index';
import { Messaging } from '../../../libs/messaging/src/index';
import { createTestSchema, type TestSchema } from '../../../libs/testing/src/index';

const ROOT = path.resolve(__dirname, '../../..');
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 200);
const PER_MESSAGE = 500; // the gateway's default GATEWAY_EVENTS_BATCH
const ADMIN = 'pk_bench_analytics_admin_0000000001';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------- synthetic traffic

const APIS = Array.from({ length: 8 }, (_, a) => ({
  id: `api_bench${a}`,
  name: `bench-${a}`,
  routes: Array.from({ length: 4 }, (_, r) => ({
    id: `rte_bench${a}_${r}`,
    method: r % 3 === 2 ? 'POST' : 'GET',
    template: `/bench-${a}/v1/r${r}${r % 2 ? '/{id}' : ''}`,
  })),
}));
const CONSUMERS = 50;

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Messages of PER_MESSAGE events, serialised before the clock starts (the gateway's own cost). */
function trafficMessages(n: number, time: (i: number) => number): string[] {
  const rnd = rng(42);
  const prefix = randomBytes(4).toString('hex');
  const messages: string[] = [];
  for (let start = 0; start < n; start += PER_MESSAGE) {
    const events: RequestEvent[] = [];
    for (let i = start; i < Math.min(n, start + PER_MESSAGE); i++) {
      const api = APIS[Math.floor(rnd() * rnd() * APIS.length)]!; // skewed: a few APIs get most traffic
      const route = api.routes[Math.floor(rnd() * api.routes.length)]!;
      const consumer = Math.floor(rnd() * rnd() * CONSUMERS);
      const u = rnd();
      const status = u < 0.94 ? 200 : u < 0.97 ? 404 : u < 0.98 ? 429 : 503;
      const z = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
      const latency = Math.round(Math.exp(3.5 + 0.9 * z) * 1000) / 1000;
      events.push({
        requestId: `req_${prefix}_${i}`,
        time: new Date(time(i)).toISOString(),
        tenantId: 'ten_default',
        apiId: api.id,
        apiName: api.name,
        version: 'v1',
        routeId: route.id,
        method: route.method,
        pathTemplate: route.template,
        path: route.template.replace('{id}', String(i % 1000)),
        status,
        upstreamInstance: '127.0.0.1:9000',
        latencyMs: latency,
        upstreamLatencyMs: Math.max(0, latency - 1),
        gatewayLatencyMs: 1,
        bytesIn: 120,
        bytesOut: 800 + (i % 400),
        consumerId: `con_bench${consumer}`,
        keyId: `key_bench${consumer}`,
        planId: 'pln_bench',
        quotaPerMonth: 10_000_000,
        clientIp: '198.51.100.7',
        errorCode: status === 503 ? 'UPSTREAM_UNAVAILABLE' : status === 429 ? 'RATE_LIMITED' : null,
        cacheStatus: null,
      });
    }
    messages.push(JSON.stringify({ events }));
  }
  return messages;
}

/** Publishes with up to 64 PubAcks outstanding; returns the time of the first publish. */
async function publishAll(m: Messaging, messages: string[]): Promise<number> {
  const subject = m.namespace.subject(trafficSubject('ten_default'));
  // The messages are already JSON (publishJson would encode them again): JetStream's own publish.
  const js = (m as unknown as { js: { publish(s: string, d: string): Promise<unknown> } }).js;
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < messages.length) await js.publish(subject, messages[next++]!);
    }),
  );
  return started;
}

// ------------------------------------------------------------------------------------------ processes

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function node(script: string, env: Record<string, string>): ChildProcess {
  // BENCH_PROFILE_DIR: CPU profiles of the child processes, to see where the time goes.
  const profile = process.env['BENCH_PROFILE_DIR'];
  const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  return spawn(
    process.execPath,
    [...args, '--conditions=@portico/source', '-r', '@swc-node/register', script],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

function waitForLine(p: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line);
    });
    p.once('exit', (code) =>
      reject(new Error(`process exited (${code}) before printing '${prefix}'`)),
    );
  });
}

async function startAnalytics(
  db: TestSchema,
  namespace: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const p = node('apps/analytics/src/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    ANALYTICS_DATABASE_URL: db.url,
    PORTICO_NATS_NAMESPACE: namespace,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN,
    LOG_LEVEL: 'warn',
    ANALYTICS_MAINTENANCE_INTERVAL_MS: '5000',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 300) throw new Error('analytics did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      }),
  };
}

// -------------------------------------------------------------------------------------------- phases

async function sqlCount(db: TestSchema, query: string): Promise<number> {
  const { Client } = require(
    require.resolve('pg', { paths: [path.join(ROOT, 'apps/analytics')] }),
  ) as typeof import('pg');
  const c = new Client({
    connectionString: db.databaseUrl,
    options: `-c search_path=${db.schema}`,
  });
  await c.connect();
  try {
    return Number(Object.values((await c.query(query)).rows[0] ?? {})[0] ?? 0);
  } finally {
    await c.end();
  }
}

async function publisherFor(namespace: string): Promise<Messaging> {
  const m = await Messaging.connect({ url: NATS_URL, name: 'bench-gateway', namespace });
  await m.ensureStreams([Streams.traffic]);
  return m;
}

async function dropStream(m: Messaging): Promise<void> {
  const { jetstreamManager } = require(
    require.resolve('@nats-io/jetstream', { paths: [path.join(ROOT, 'libs/messaging')] }),
  ) as typeof import('@nats-io/jetstream');
  await (
    await jetstreamManager(m.nc)
  ).streams
    .delete(m.namespace.stream(Streams.traffic.name))
    .catch(() => undefined);
}

async function baseline(messages: string[]): Promise<number> {
  const namespace = `benchbase${randomBytes(3).toString('hex')}`;
  const pub = await publisherFor(namespace);
  const consumer = node('tools/bench/analytics/baseline-consumer.ts', {
    PORTICO_NATS_NAMESPACE: namespace,
    BENCH_EVENTS: String(EVENTS),
  });
  await waitForLine(consumer, 'ready');
  const done = waitForLine(consumer, 'done');
  const started = await publishAll(pub, messages);
  const finished = Number((await done).split(' ')[1]);
  await dropStream(pub);
  await pub.close();
  return (EVENTS / (finished - started)) * 1000;
}

/** Ingest through the service; returns events/s from the first publish to the last commit. */
async function ingest(
  db: TestSchema,
  messages: string[],
  namespace: string,
): Promise<{ rate: number; app: { url: string; stop(): Promise<void> }; pub: Messaging }> {
  const pub = await publisherFor(namespace);
  const app = await startAnalytics(db, namespace);
  const started = await publishAll(pub, messages);
  let finished = 0;
  for (;;) {
    const stored = await sqlCount(db, 'SELECT count(*) FROM raw_events');
    const rolled = await sqlCount(db, 'SELECT coalesce(sum(count), 0) FROM rollup_minute');
    if (stored >= EVENTS && rolled >= EVENTS) {
      finished = Date.now();
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { rate: (EVENTS / (finished - started)) * 1000, app, pub };
}

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `analytics benchmark: ${fmt(EVENTS)} events, ${PER_MESSAGE} per message, ${APIS.length} APIs x 4 routes, ${CONSUMERS} consumers`,
  );

  const now = Date.now();
  const live = trafficMessages(EVENTS, () => now);
  const base = process.env['BENCH_ONLY'] === 'live' ? 1 : await baseline(live);
  console.log(`baseline (JetStream publish + consume + parse, no database): ${fmt(base)} events/s`);

  const db1 = await createTestSchema('analytics');
  const ns1 = `benchlive${randomBytes(3).toString('hex')}`;
  const run1 = await ingest(
    db1,
    trafficMessages(EVENTS, () => Date.now()),
    ns1,
  );
  console.log(
    `ingest, live traffic: ${fmt(run1.rate)} events/s (first publish to last commit) = ${(run1.rate / base).toFixed(2)}x baseline`,
  );
  await run1.app.stop();
  await dropStream(run1.pub);
  await run1.pub.close();
  await db1.drop();
  if (process.env['BENCH_ONLY'] === 'live') return;

  const db2 = await createTestSchema('analytics');
  const ns2 = `benchday${randomBytes(3).toString('hex')}`;
  // The 24h range is the current hour and the 23 before it.
  const dayStart = Math.floor(Date.now() / HOUR) * HOUR - 23 * HOUR;
  const run2 = await ingest(
    db2,
    trafficMessages(EVENTS, (i) => dayStart + Math.floor((i / EVENTS) * (Date.now() - dayStart))),
    ns2,
  );
  console.log(
    `ingest, 24 h of traffic: ${fmt(run2.rate)} events/s = ${(run2.rate / base).toFixed(2)}x baseline`,
  );

  // Queries after the past hours are rolled up (the service's maintenance runs every 5 s here).
  const sealedTarget = Math.floor((Date.now() - 2 * 60_000) / HOUR) * HOUR;
  for (;;) {
    const sealed = await sqlCount(
      db2,
      "SELECT extract(epoch FROM sealed_until) * 1000 FROM rollup_state WHERE level = 'hour'",
    );
    if (sealed >= sealedTarget) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const headers = { 'x-api-key': ADMIN };
  const timings: Record<string, number[]> = { all: [], consumer: [] };
  for (const [name, query] of [
    ['all', '/api/v1/metrics?timeRange=24h'],
    ['consumer', '/api/v1/metrics?timeRange=24h&consumer=con_bench3'],
  ] as const) {
    for (let i = 0; i < 10; i++)
      await fetch(`${run2.app.url}${query}`, { headers }).then((r) => r.text());
    for (let i = 0; i < QUERIES; i++) {
      const t = process.hrtime.bigint();
      const r = await fetch(`${run2.app.url}${query}`, { headers });
      const body = (await r.json()) as { data: { requests: { total: number } } };
      timings[name]!.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (i === 0 && name === 'all' && body.data.requests.total !== EVENTS) {
        throw new Error(`metrics total ${body.data.requests.total} != ${EVENTS}`);
      }
    }
  }
  for (const [name, t] of Object.entries(timings)) {
    const s = [...t].sort((a, b) => a - b);
    console.log(
      `GET /api/v1/metrics?timeRange=24h${name === 'consumer' ? '&consumer=…' : ''} over ${fmt(EVENTS)} stored events: ` +
        `p50 ${pct(s, 0.5).toFixed(1)} ms, p95 ${pct(s, 0.95).toFixed(1)} ms, p99 ${pct(s, 0.99).toFixed(1)} ms (${QUERIES} requests)`,
    );
  }
  await run2.app.stop();
  await dropStream(run2.pub);
  await run2.pub.close();
  await db2.drop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
