// API registrations per second through the registry's REST API.
//
// Starts one registry process (apps/registry/src/main.ts from source) on a throwaway schema and NATS
// namespace, then drives it from this process over keep-alive HTTP with a fixed concurrency:
//   1. baseline: GET /health/live on the same server (HTTP + framework cost, no database);
//   2. baseline: GET /api/v1/apis/<name> (authenticated read, one query);
//   3. POST /api/v1/apis (the measured figure: validate, insert, revision bump, outbox event,
//      audit entry, one transaction);
//   4. baseline: the same INSERTs as raw SQL transactions straight to PostgreSQL (no HTTP, no app).
// Every phase is bounded in time; all traffic goes to 127.0.0.1.
//
//   node tools/bench/registry/bench.mjs [--seconds 5] [--concurrency 32]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const SECONDS = Number(args.seconds ?? 5);
const CONCURRENCY = Number(args.concurrency ?? 32);
const SERVER = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/portico';
const KEY = `pk_bench_${randomBytes(12).toString('hex')}`;
const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const SCHEMA = `registry_bench_${tag}`;

function withSchema(url, schema) {
  const u = new URL(url);
  u.pathname = '/portico_bench';
  if (schema) u.searchParams.set('schema', schema);
  else u.searchParams.delete('schema');
  return u.toString();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`)),
    );
  });
}

async function createDatabase() {
  const admin = new pg.Client({
    connectionString: withSchema(SERVER).replace('/portico_bench', '/postgres'),
  });
  await admin.connect();
  await admin.query('CREATE DATABASE portico_bench').catch((e) => {
    if (e.code !== '42P04') throw e;
  });
  await admin.end();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          'x-api-key': KEY,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Runs `op(i)` from CONCURRENCY loops for SECONDS; returns rate and latency percentiles. */
async function phase(name, op, expectStatus) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        const status = await op(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (expectStatus !== undefined && status !== expectStatus) {
          failures++;
          if (failures === 1) console.error(`${name}: unexpected status ${status}`);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  const result = {
    name,
    ops: latencies.length,
    failures,
    perSecond: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
  };
  console.log(
    `${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(7)}/s  n=${result.ops}  p50=${result.p50.toFixed(1)}ms  p99=${result.p99.toFixed(1)}ms${failures ? `  FAILED=${failures}` : ''}`,
  );
  return result;
}

async function main() {
  await createDatabase();
  const url = withSchema(SERVER, SCHEMA);
  await run(process.execPath, ['tools/db/cli.mjs', 'migrate', 'registry'], {
    REGISTRY_DATABASE_URL: url,
  });
  const port = await freePort();
  const registry = spawn(
    process.execPath,
    ['--conditions=@portico/source', '-r', '@swc-node/register', 'apps/registry/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        REGISTRY_DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(args.pool ?? 10),
        PORTICO_BOOTSTRAP_ADMIN_KEY: KEY,
        PORTICO_NATS_NAMESPACE: `bench_${tag}`,
        NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const db = new pg.Pool({
    connectionString: withSchema(SERVER),
    max: 10,
    options: `-c search_path=${SCHEMA}`,
  });
  try {
    const readyBy = Date.now() + 60_000;
    for (;;) {
      const ok = await request(port, 'GET', '/health/ready').then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > readyBy) throw new Error('the registry did not become ready within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(
      `registry pid ${registry.pid} on :${port}, schema ${SCHEMA}; ${SECONDS}s per phase, concurrency ${CONCURRENCY}`,
    );
    // The figures depend on what else the machine runs: say how busy it was.
    console.log(
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    await request(port, 'POST', '/api/v1/apis', { name: 'bench-probe', title: 'Probe' });
    // Warm-up: JIT, connection pools, prepared plans.
    for (let i = 0; i < 500; i++)
      await request(port, 'POST', '/api/v1/apis', { name: `warm-${i}`, title: 'Warm' });

    const live = await phase(
      'baseline GET /health/live',
      () => request(port, 'GET', '/health/live').then((r) => r.status),
      200,
    );
    const read = await phase(
      'baseline GET /api/v1/apis/{name}',
      () => request(port, 'GET', '/api/v1/apis/bench-probe').then((r) => r.status),
      200,
    );
    const create = await phase(
      'POST /api/v1/apis (registrations)',
      (i) =>
        request(port, 'POST', '/api/v1/apis', {
          name: `bench-${i}`,
          title: `Bench API ${i}`,
          description: 'Registered by the benchmark',
          tags: ['bench', `group-${i % 10}`],
        }).then((r) => r.status),
      201,
    );
    const raw = await phase(
      'baseline raw INSERT transactions',
      async (i) => {
        const c = await db.connect();
        try {
          await c.query('BEGIN');
          await c.query(
            `INSERT INTO apis (id, tenant_id, name, title, description, tags, updated_at) VALUES ($1, 'ten_default', $2, $3, $4, $5, now())`,
            [`api_raw_${i}`, `raw-${i}`, `Raw ${i}`, 'raw', ['bench']],
          );
          await c.query('COMMIT');
          return 0;
        } finally {
          c.release();
        }
      },
      0,
    );
    const [{ pending }] = (
      await db.query(
        'SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL',
      )
    ).rows;
    const [{ revision }] = (await db.query('SELECT revision::int AS revision FROM registry_state'))
      .rows;
    console.log(
      `\nAPI registrations through REST: ${create.perSecond.toFixed(0)}/s (target 1000/s: ${create.perSecond >= 1000 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  ratio to GET /health/live:        ${(create.perSecond / live.perSecond).toFixed(2)}`,
    );
    console.log(
      `  ratio to an authenticated GET:    ${(create.perSecond / read.perSecond).toFixed(2)}`,
    );
    console.log(
      `  ratio to raw INSERT transactions: ${(create.perSecond / raw.perSecond).toFixed(2)}`,
    );
    console.log(
      `  registry revision ${revision}; outbox rows not yet published at the end: ${pending}`,
    );
    console.log(
      `  load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    if (create.failures > 0) process.exitCode = 1;
  } finally {
    registry.kill('SIGTERM');
    await new Promise((r) => registry.once('exit', r));
    agent.destroy();
    await db.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
