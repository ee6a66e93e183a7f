/**
 * Webhook dispatcher benchmark (run on demand: `pnpm --filter @portico/bench-webhooks bench`).
 *
 * Starts the dispatcher as its own process (main.ts, durable state in PostgreSQL, events from
 * JetStream), a local receiver in this process, and measures:
 *  1. throughput: BURST messages fanned out to FANOUT endpoints each, published at once;
 *     deliveries/s from the first publish to the last receipt;
 *  2. delay: RATE messages/s for SECONDS seconds to one endpoint; p50/p99 from publish to receipt
 *     (first attempts: the receiver always answers 200).
 * The baseline, measured in the same run against the same receiver: a plain HTTP client loop with
 * the same concurrency (throughput) and the same paced rate (delay).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCloudEvent } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import {
  createTestSchema,
  releaseNamespace,
  TestClient,
  uniqueSuffix,
  waitFor,
} from '@portico/testing';
import { Agent, request } from 'undici';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const BURST = Number(process.env['BENCH_BURST'] ?? 2000);
const FANOUT = Number(process.env['BENCH_FANOUT'] ?? 5);
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONCURRENCY = 200; // the dispatcher's default WEBHOOK_WORKER_CONCURRENCY
const ADMIN_KEY = 'pk_bench_webhooks_admin_0123456789';

interface Receipt {
  sentAt: number;
  at: number;
}
const receipts = new Map<string, Receipt[]>();

function startReceiver(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { phase: string; sentAt: number };
      };
      const list = receipts.get(body.data.phase) ?? [];
      list.push({ sentAt: body.data.sentAt, at });
      receipts.set(body.data.phase, list);
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function delays(phase: string): { p50: number; p99: number; n: number } {
  const d = (receipts.get(phase) ?? []).map((r) => r.at - r.sentAt).sort((a, b) => a - b);
  return { p50: percentile(d, 50), p99: percentile(d, 99), n: d.length };
}

/** Calls `fn(i)` RATE times a second for SECONDS seconds, on schedule (no drift). */
async function paced(fn: (i: number) => Promise<unknown>): Promise<void> {
  const total = RATE * SECONDS;
  const start = now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(fn(i));
  }
  await Promise.all(inFlight);
}

/**
 * The dispatcher's main.ts from source, as spawnAppMain runs it, plus BENCH_NODE_ARGS (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
 */
function spawnDispatcher(env: Record<string, string>): ChildProcess {
  const root = path.resolve(__dirname, '../../..');
  const extra = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  return spawn(
    process.execPath,
    [
      ...extra,
      '--conditions=@portico/source',
      '-r',
      '@swc-node/register',
      path.join(root, 'apps/webhook-dispatcher/src/main.ts'),
    ],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

async function main(): Promise<void> {
  const namespace = `bench${uniqueSuffix()}`;
  const db = await createTestSchema('webhooks');
  const messaging = await Messaging.connect({ url: NATS_URL, name: 'bench', namespace });
  await messaging.ensureStreams();
  const { server, url: receiverUrl } = await startReceiver();
  let child: ChildProcess | undefined;
  try {
    child = spawnDispatcher({
      NODE_ENV: 'production',
      PORTICO_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      NATS_URL,
      PORTICO_NATS_NAMESPACE: namespace,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1], {
      timeoutMs: 60_000,
      what: 'the dispatcher to listen',
    });
    const api = new TestClient(url, { 'x-api-key': ADMIN_KEY });
    await waitFor(async () => (await api.get('/health/ready')).status === 200, {
      timeoutMs: 30_000,
    });
    for (let i = 0; i < FANOUT; i++) {
      await api.post('/api/v1/webhooks/endpoints', {
        url: `${receiverUrl}/tp/${i}`,
        eventTypes: ['bench.burst', 'bench.warmup'],
      });
    }
    await api.post('/api/v1/webhooks/endpoints', {
      url: `${receiverUrl}/delay`,
      eventTypes: ['bench.delay'],
    });

    const publish = (type: string, phase: string, n: number) =>
      messaging.publishEvent(
        createCloudEvent({
          source: 'bench',
          type,
          tenantId: 'ten_default',
          data: { phase, n, sentAt: now() },
        }),
      );

    // Warm-up: JIT, connection pools, the durable consumer.
    await Promise.all(Array.from({ length: 200 }, (_, n) => publish('bench.warmup', 'warmup', n)));
    await waitFor(() => (receipts.get('warmup')?.length ?? 0) >= 200 * FANOUT, {
      timeoutMs: 60_000,
    });

    // 1. Throughput.
    const tpStart = now();
    for (let i = 0; i < BURST; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, BURST - i) }, (_, j) =>
          publish('bench.burst', 'burst', i + j),
        ),
      );
    }
    const published = now();
    await waitFor(() => (receipts.get('burst')?.length ?? 0) >= BURST * FANOUT, {
      timeoutMs: 300_000,
      intervalMs: 5,
    });
    const tpEnd = Math.max(...receipts.get('burst')!.map((r) => r.at));
    const deliveries = BURST * FANOUT;
    const dispatcherRate = deliveries / ((tpEnd - tpStart) / 1000);

    // 2. Delay at a steady rate.
    await paced((n) => publish('bench.delay', 'delay', n));
    await waitFor(() => (receipts.get('delay')?.length ?? 0) >= RATE * SECONDS, {
      timeoutMs: 120_000,
    });
    const dispatcherDelay = delays('delay');

    // Baseline: the same receiver hit directly by a plain HTTP client.
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    const post = (phase: string, n: number) =>
      request(`${receiverUrl}/direct`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'direct', timestamp: '', data: { phase, n, sentAt: now() } }),
      }).then((r) => r.body.dump());
    let next = 0;
    const directStart = now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries) await post('direct-burst', next++);
      }),
    );
    const directRate = deliveries / ((now() - directStart) / 1000);
    await paced((n) => post('direct-delay', n));
    const directDelay = delays('direct-delay');
    await agent.close();

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const lines = [
      `webhook dispatcher benchmark (${BURST} messages x ${FANOUT} endpoints; ${RATE} msg/s for ${SECONDS} s)`,
      `  throughput: ${dispatcherRate.toFixed(0)} deliveries/s (publishing took ${ms(published - tpStart)})` +
        `   baseline plain client: ${directRate.toFixed(0)} req/s   ratio ${(dispatcherRate / directRate).toFixed(2)}`,
      `  delay at ${RATE}/s publish->receipt: p50 ${ms(dispatcherDelay.p50)}, p99 ${ms(dispatcherDelay.p99)} (n=${dispatcherDelay.n})` +
        `   baseline: p50 ${ms(directDelay.p50)}, p99 ${ms(directDelay.p99)}` +
        `   ratio p99 ${(dispatcherDelay.p99 / directDelay.p99).toFixed(1)}x`,
      `  targets: >= 2000 deliveries/s ${dispatcherRate >= 2000 ? 'MET' : 'MISSED'}; p99 <= 100 ms ${dispatcherDelay.p99 <= 100 ? 'MET' : 'MISSED'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    server.closeAllConnections();
    server.close();
    await messaging.close();
    await releaseNamespace(namespace, NATS_URL);
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
