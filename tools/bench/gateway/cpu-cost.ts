/**
 * CPU time per proxied request, a figure that holds on a loaded machine where req/s swings:
 *
 *   node --conditions=@portico/source -r @swc-node/register cpu-cost.ts [bare c d] [requests]
 *
 * Starts the upstream and, one at a time, the bare proxy, Portico (c) and Portico (d) as bench.ts
 * does; warms each up, then drives a fixed number of requests with autocannon and reads the proxy
 * process's user+system CPU (from /proc, Linux only) before and after. Prints µs per request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { RouteSnapshotSchema } from '@portico/contracts';
import { CredentialsDouble, releaseNamespace } from '@portico/testing';
import { freePort, spawnTs, stop, waitForHttp, waitReady, type Child } from './processes';
import { benchSnapshot } from './snapshot';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const API_KEY = `pk_bench_gateway_${randomBytes(12).toString('hex')}`;
/** With PROFILE_DIR set, Portico runs under --cpu-prof (the profiler adds its own cost). */
const profile = process.env['PROFILE_DIR'];
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function drive(url: string, headers: Record<string, string>, amount: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url, headers, connections: 20, amount }, (err, r) => {
      if (err) reject(err);
      else resolve(r.non2xx + r.errors);
    });
    void inst;
  });
}

async function main(): Promise<void> {
  const which = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
  const amount = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 30_000);
  const scenarios = which.length ? which : ['bare', 'c', 'd'];
  const work = await mkdtemp(path.join(tmpdir(), 'portico-cpu-cost-'));
  const namespace = `cpu${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const upstream = spawnTs('upstream.ts', {});
  let creds: CredentialsDouble | undefined;
  try {
    const upstreamUrl = `http://127.0.0.1:${await waitReady(upstream)}`;
    const snapshotFile = path.join(work, 'routes.json');
    await writeFile(
      snapshotFile,
      JSON.stringify(RouteSnapshotSchema.parse(benchSnapshot(upstreamUrl))),
    );
    creds = await CredentialsDouble.start({ namespace, natsUrl: NATS_URL });
    creds.addKey(API_KEY, { role: 'consumer', consumerId: 'con_bench', keyId: 'key_bench' });
    for (const s of scenarios) {
      const port = await freePort();
      let child: Child;
      let url: string;
      let headers: Record<string, string> = {};
      if (s === 'bare') {
        child = spawnTs('bare-proxy.ts', { UPSTREAM_URL: upstreamUrl, PORT: String(port) });
        await waitReady(child);
        url = `http://127.0.0.1:${port}/v1/bench/plain`;
      } else {
        child = spawnTs(
          path.join('..', '..', '..', 'apps', 'gateway', 'src', 'main.ts'),
          {
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(port),
            LOG_LEVEL: 'warn',
            NATS_URL,
            PORTICO_NATS_NAMESPACE: namespace,
            PORTICO_SECRET_KEY: randomBytes(32).toString('base64'),
            GATEWAY_ROUTES_FILE: snapshotFile,
            GATEWAY_EVENTS_ENABLED: String(s === 'd'),
            GATEWAY_EVENTS_SPILL_DIR: path.join(work, `spill-${s}`),
          },
          [],
          profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
        );
        await waitForHttp(`http://127.0.0.1:${port}/health/live`, child, 90_000);
        url = `http://127.0.0.1:${port}/v1/bench/${s === 'd' ? 'guarded' : 'plain'}`;
        if (s === 'd') headers = { 'x-api-key': API_KEY };
      }
      await drive(url, headers, Math.min(10_000, amount));
      const before = cpuMs(child.pid!);
      const bad = await drive(url, headers, amount);
      const used = cpuMs(child.pid!) - before;
      process.stdout.write(
        `${s.padEnd(5)} ${((used * 1000) / amount).toFixed(1).padStart(7)} µs CPU/request  (${used} ms for ${amount}, ${bad} errors/non-2xx)\n`,
      );
      await stop(child);
    }
  } finally {
    await stop(upstream);
    await creds?.stop();
    await releaseNamespace(namespace, NATS_URL);
    await rm(work, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`cpu-cost failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
