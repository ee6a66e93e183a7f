// Consumer-management benchmark: onboardings per second through REST (sign-up, which issues the
// consumer's key, + approval) and credential verifications per second over NATS, each next to a
// baseline measured in the same run (a trivial REST request; a NATS echo round trip). See README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { type AppInstance, startApp, startEcho, stop, withCpu } from './processes';
import { contracts, jetstream, messaging, pg, testing } from './resolve';
import { fmt, load } from './stats';

const ONBOARDINGS = Number(process.env['BENCH_ONBOARDINGS'] ?? 3000);
const VERIFICATIONS = Number(process.env['BENCH_VERIFICATIONS'] ?? 30000);
const INSTANCES = Number(process.env['BENCH_INSTANCES'] ?? 1);
const HTTP_CONCURRENCY = Number(process.env['BENCH_HTTP_CONCURRENCY'] ?? 64);
const NATS_CONCURRENCY = Number(process.env['BENCH_NATS_CONCURRENCY'] ?? 64);
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const ADMIN_KEY = `pk_bench_admin_${randomBytes(12).toString('hex')}`;

type Result = { perSecond: number; p50: number; p99: number; cpuMsPerOp?: number };

function row(name: string, r: Result, unit: string): string {
  const cpu = r.cpuMsPerOp === undefined ? '' : `  app CPU ${fmt(r.cpuMsPerOp, 3)} ms/op`;
  return `  ${name.padEnd(44)} ${fmt(r.perSecond).padStart(8)} ${unit.padEnd(14)} p50 ${fmt(r.p50, 2).padStart(8)} ms  p99 ${fmt(r.p99, 2).padStart(8)} ms${cpu}\n`;
}

async function main(): Promise<void> {
  const schema = await testing.createTestSchema('consumers');
  const namespace = `bench${randomBytes(4).toString('hex')}`;
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: schema.url,
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    NATS_URL,
    PORTICO_NATS_NAMESPACE: namespace,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    PORTICO_SECRET_KEY: randomBytes(32).toString('base64'),
    AUTH_LOCKOUT_THRESHOLD: '10000',
  };
  const apps: AppInstance[] = [];
  const echo = await startEcho(NATS_URL, namespace);
  const nats = await messaging.Messaging.connect({ url: NATS_URL, name: 'bench', namespace });
  try {
    for (let i = 0; i < INSTANCES; i++) {
      apps.push(await startApp(env, Math.ceil(HTTP_CONCURRENCY / INSTANCES)));
    }
    const pids = apps.map((a) => a.child.pid!);
    let turn = 0;
    // Requests go round-robin over the instances, as behind a load balancer.
    const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string) => {
      const res = await apps[turn++ % apps.length]!.pool.request({
        path,
        method,
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.body.json()) as { data: T };
      if (res.statusCode >= 300) {
        throw new Error(`${method} ${path}: ${res.statusCode} ${JSON.stringify(json)}`);
      }
      return json.data;
    };
    const run = Date.now().toString(36);
    const keys: string[] = [];
    // Sign-up creates the consumer and its first API key (shown once); approval makes the key work.
    const onboard = async (i: number) => {
      const { consumer, key } = await call<{ consumer: { id: string }; key: { key: string } }>(
        'POST',
        '/api/v1/signup',
        { name: `Dev ${i}`, email: `dev-${run}-${i}@bench.example` },
      );
      await call('POST', `/api/v1/consumers/${consumer.id}/approve`, {}, ADMIN_KEY);
      keys.push(key.key);
    };

    const load1 = os.loadavg().map((l) => l.toFixed(1));
    process.stdout.write(
      `consumer-management benchmark: ${INSTANCES} instance(s) in child processes; load average ${load1.join(' ')} on ${os.cpus().length} CPUs\n`,
    );
    await load(200, HTTP_CONCURRENCY, () => call('GET', '/health/live'));
    const rest = await withCpu(pids, ONBOARDINGS * 2, () =>
      load(ONBOARDINGS * 2, HTTP_CONCURRENCY, () => call('GET', '/health/live')),
    );
    await load(300, HTTP_CONCURRENCY, (i) => onboard(1_000_000 + i));
    const onboarding = await withCpu(pids, ONBOARDINGS, () =>
      load(ONBOARDINGS, HTTP_CONCURRENCY, onboard),
    );

    // Let the outbox relay publish the onboarding events first: every consumer.* event clears the
    // credential cache, which would otherwise be measured along.
    const sql = new pg.Client({ connectionString: schema.databaseUrl });
    await sql.connect();
    await testing.waitFor(
      async () => {
        const { rows } = await sql.query(
          `SELECT count(*)::int AS n FROM "${schema.schema}".outbox_events WHERE published_at IS NULL`,
        );
        return rows[0].n === 0;
      },
      { timeoutMs: 300_000, intervalMs: 250, what: 'the outbox to drain' },
    );
    await sql.end();
    await new Promise((r) => setTimeout(r, 2000));

    const verifyBody = (i: number) => ({
      type: 'apiKey' as const,
      key: keys[i % keys.length]!,
      clientIp: '203.0.113.7',
    });
    const verify = async (i: number) => {
      const reply = await nats.request<{ valid: boolean }>(
        contracts.RpcSubject.credentialsVerify,
        verifyBody(i),
      );
      if (!reply.valid) throw new Error('a valid key was refused');
    };
    const echoOnce = async (i: number) => {
      await nats.request('bench.echo', verifyBody(i));
    };
    await load(2000, NATS_CONCURRENCY, verify);
    await load(2000, NATS_CONCURRENCY, echoOnce);
    const echoed = await load(VERIFICATIONS, NATS_CONCURRENCY, echoOnce);
    const verified = await withCpu(pids, VERIFICATIONS, () =>
      load(VERIFICATIONS, NATS_CONCURRENCY, verify),
    );
    const echoSerial = await load(2000, 1, echoOnce);
    const verifySerial = await load(2000, 1, verify);

    const requests = { ...onboarding, perSecond: onboarding.perSecond * 2 };
    process.stdout.write(
      `\nOnboarding through REST (concurrency ${HTTP_CONCURRENCY}, ${ONBOARDINGS} onboardings = sign-up with its key + approval, 2 requests each)\n` +
        row('onboardings', onboarding, 'onboardings/s') +
        row('  = requests', { ...requests, cpuMsPerOp: onboarding.cpuMsPerOp / 2 }, 'requests/s') +
        row('baseline: GET /health/live (no database)', rest, 'requests/s') +
        `  ratio: onboarding requests / baseline requests = ${fmt(requests.perSecond / rest.perSecond, 2)}\n` +
        `\nCredential verification over NATS (concurrency ${NATS_CONCURRENCY}, ${VERIFICATIONS} requests, ${keys.length} distinct keys)\n` +
        row('consumer.credentials.verify', verified, 'verifies/s') +
        row('baseline: NATS echo round trip', echoed, 'echoes/s') +
        `  ratio: verifications / echoes = ${fmt(verified.perSecond / echoed.perSecond, 2)}\n` +
        `\nOne at a time (latency)\n` +
        row('consumer.credentials.verify', verifySerial, 'verifies/s') +
        row('baseline: NATS echo round trip', echoSerial, 'echoes/s') +
        `  verification cost above the round trip: p50 ${fmt(verifySerial.p50 - echoSerial.p50, 3)} ms\n`,
    );
  } finally {
    await nats.close().catch(() => undefined);
    for (const a of apps) {
      await a.pool.close().catch(() => undefined);
      await stop(a.child);
    }
    await stop(echo);
    await schema.drop();
    const nc = await messaging.Messaging.connect({ url: NATS_URL, name: 'bench-cleanup' });
    const jsm = await jetstream.jetstreamManager(nc.nc);
    const ns = new messaging.SubjectNamespace(namespace);
    for (const s of [contracts.Streams.events, contracts.Streams.traffic]) {
      await jsm.streams.delete(ns.stream(s.name)).catch(() => undefined);
    }
    await nc.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
