/**
 * Connectors benchmark: a sync of a local paginated API (200,000 records, 1,000 per page) with upsert
 * into PostgreSQL, end to end through the service (HTTP API → scheduler → extract → transform →
 * load), reporting records/s and peak memory, against a same-run baseline that only fetches and
 * parses the same pages. A second sync of 50,000 records shows whether memory grows with the count.
 *
 *   node --conditions=@portico/source -r @swc-node/register tools/bench/connectors/bench.ts
 *
 * Needs PostgreSQL and NATS as for the tests. Env: BENCH_RECORDS (default 200000).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createTestSchema, startTestApp, waitFor } from '../../../libs/testing/src/index';
import { integrationConnectorsService } from '../../../apps/integration-connectors/src/service';

const appDir = path.resolve(__dirname, '../../../apps/integration-connectors');
const { request } = createRequire(path.join(appDir, 'package.json'))(
  'undici',
) as typeof import('undici');
const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 200_000);
const PAGE = 1000;
const ADMIN = 'pk_bench_admin_key_000000001';
const headers = { headers: { 'x-api-key': ADMIN } };

/**
 * Peak RSS, and peak live heap: with --expose-gc each sample collects first, so the figure is what the
 * sync retains rather than garbage V8 has not collected yet.
 */
class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  private timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 1000);
    this.sample();
  }
  private sample(): void {
    global.gc?.();
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }
  stop(): { rssMb: number; heapMb: number } {
    clearInterval(this.timer);
    this.sample();
    return { rssMb: this.peakRss / 2 ** 20, heapMb: this.peakHeap / 2 ** 20 };
  }
}

async function startApi(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'api-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Baseline: the same pages fetched and parsed one after the other, nothing transformed or loaded. */
async function baseline(url: string, total: number): Promise<number> {
  const started = performance.now();
  let count = 0;
  for (let page = 1; ; page++) {
    const res = await request(`${url}/records?total=${total}&page=${page}&per_page=${PAGE}`);
    const body = (await res.body.json()) as { data: unknown[] };
    count += body.data.length;
    if (body.data.length < PAGE) break;
  }
  if (count !== total) throw new Error(`baseline read ${count} records`);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const api = await startApi();
  const db = await createTestSchema('connectors');
  const app = await startTestApp(integrationConnectorsService, {
    DATABASE_URL: db.url,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN,
    PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
    PORTICO_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    CONNECTORS_SCHEDULER_INTERVAL_MS: '100',
    LOG_LEVEL: 'warn',
  });
  const schemas: string[] = [];
  try {
    await app.waitUntilReady();
    await baseline(api.url, 20_000); // warm-up
    const baseSeconds = await baseline(api.url, RECORDS);

    const def = await app.client.post(
      '/api/v1/connectors/definitions',
      {
        manifest: {
          name: 'bench',
          baseUrl: api.url,
          streams: [
            {
              name: 'records',
              path: '/records',
              query: { total: RECORDS },
              recordSelector: 'data',
              primaryKey: ['id'],
              paginator: { type: 'pageNumber', sizeParam: 'per_page', pageSize: PAGE },
              transforms: [
                { type: 'flatten' },
                { type: 'date', fields: ['updated_at'] },
                { type: 'drop', fields: ['address_zip'] },
              ],
              fields: [
                { name: 'id', type: 'integer' },
                { name: 'name', type: 'string' },
                { name: 'email', type: 'string' },
                { name: 'address_city', type: 'string' },
                { name: 'score', type: 'number' },
                { name: 'active', type: 'boolean' },
                { name: 'updated_at', type: 'timestamp' },
              ],
            },
          ],
        },
      },
      headers,
    );
    const sync = async (total: number) => {
      const schema = `bench_${process.pid}_${total}`;
      schemas.push(schema);
      const conn = await app.client.post(
        '/api/v1/connectors',
        {
          name: `bench ${total}`,
          definitionId: def.body.data.id,
          destination: { schema, streams: { records: { loadMode: 'upsert' } } },
        },
        headers,
      );
      if (total !== RECORDS) {
        const manifest = { ...def.body.data.manifest };
        manifest.streams = [{ ...manifest.streams[0], query: { total } }];
        manifest.name = `bench-${total}`;
        const d2 = await app.client.post('/api/v1/connectors/definitions', { manifest }, headers);
        await app.client.delete(`/api/v1/connectors/${conn.body.data.id}`, headers);
        const c2 = await app.client.post(
          '/api/v1/connectors',
          {
            name: `bench ${total}`,
            definitionId: d2.body.data.id,
            destination: { schema, streams: { records: { loadMode: 'upsert' } } },
          },
          headers,
        );
        conn.body = c2.body;
      }
      global.gc?.();
      const memory = new MemorySampler();
      const started = performance.now();
      const run = await app.client.post(
        `/api/v1/connectors/${conn.body.data.id}/runs`,
        undefined,
        headers,
      );
      const done = await waitFor(
        async () => {
          const r = await app.client.get(
            `/api/v1/connectors/${conn.body.data.id}/runs/${run.body.data.id}`,
            headers,
          );
          return ['succeeded', 'failed'].includes(r.body.data.status) ? r.body.data : undefined;
        },
        { timeoutMs: 600_000, intervalMs: 50 },
      );
      const seconds = (performance.now() - started) / 1000;
      const peak = memory.stop();
      if (done.status !== 'succeeded' || done.recordsWritten !== total) {
        throw new Error(
          `sync of ${total} ended ${done.status}: ${done.error} (${done.recordsWritten} written)`,
        );
      }
      return { seconds, peak, recordsPerSecond: total / seconds };
    };
    const small = await sync(Math.round(RECORDS / 4));
    const full = await sync(RECORDS);

    const baseRate = RECORDS / baseSeconds;
    const lines = [
      `connectors benchmark: ${RECORDS.toLocaleString('en')} records, ${PAGE} per page, upsert into PostgreSQL`,
      `  baseline (fetch + parse only):   ${baseRate.toFixed(0).padStart(8)} records/s  (${baseSeconds.toFixed(2)} s)`,
      `  sync, end to end:                ${full.recordsPerSecond.toFixed(0).padStart(8)} records/s  (${full.seconds.toFixed(2)} s)`,
      `  ratio sync / baseline:           ${(full.recordsPerSecond / baseRate).toFixed(2)}`,
      `  peak memory, ${RECORDS.toLocaleString('en').padStart(7)} records:  rss ${full.peak.rssMb.toFixed(0)} MiB, heap ${full.peak.heapMb.toFixed(0)} MiB`,
      `  peak memory, ${Math.round(RECORDS / 4)
        .toLocaleString('en')
        .padStart(
          7,
        )} records:  rss ${small.peak.rssMb.toFixed(0)} MiB, heap ${small.peak.heapMb.toFixed(0)} MiB  (${small.recordsPerSecond.toFixed(0)} records/s)`,
      `  memory growth for 4x records:    heap x${(full.peak.heapMb / small.peak.heapMb).toFixed(2)}`,
      `  target >= 20000 records/s:       ${full.recordsPerSecond >= 20_000 ? 'met' : 'NOT met'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.close();
    const { Client } = createRequire(path.join(appDir, 'package.json'))(
      'pg',
    ) as typeof import('pg');
    const pg = new Client({ connectionString: db.databaseUrl });
    await pg.connect();
    for (const s of schemas) await pg.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await pg.end();
    await db.drop();
    api.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
