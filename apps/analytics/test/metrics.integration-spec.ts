import { waitFor } from '@portico/testing';
import { MaintenanceService } from '../src/storage/maintenance.service';
import {
  ADMIN_KEY,
  type Analytics,
  FakeClock,
  requestEvent,
  scalar,
  startAnalytics,
  TrafficPublisher,
} from './support';

const NOW = Date.parse('2026-11-20T12:30:30.000Z');
const HOUR = 3_600_000;

function lognormal(seed: number): () => number {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
  return () => Math.exp(4 + 1.1 * Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd()));
}

function exactAt(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('metrics from rollups (real JetStream and PostgreSQL)', () => {
  const clock = new FakeClock(NOW);
  let a: Analytics;
  let publisher: TrafficPublisher;
  const N = 3000;

  beforeAll(async () => {
    a = await startAnalytics({ clock });
    await a.get(MaintenanceService).runOnce(); // the start-up round, done before the clock moves
    publisher = await TrafficPublisher.start();
    const latency = lognormal(11);
    // Three hours of traffic ending now, over two APIs, five consumers and a few failure kinds.
    const events = Array.from({ length: N }, (_, i) => {
      const failure =
        i % 17 === 0
          ? { status: 503, errorCode: 'UPSTREAM_UNAVAILABLE' }
          : i % 13 === 0
            ? { status: 404 }
            : {};
      return requestEvent({
        time: new Date(NOW - Math.floor((i / N) * 3 * HOUR)).toISOString(),
        latencyMs: Math.round(latency() * 1000) / 1000,
        consumerId: `con_${i % 5}`,
        apiId: i % 3 === 0 ? 'api_billing' : 'api_orders',
        apiName: i % 3 === 0 ? 'billing' : 'orders',
        routeId: i % 2 === 0 ? 'rte_a' : 'rte_b',
        pathTemplate: i % 2 === 0 ? '/a/{id}' : '/b',
        ...failure,
      });
    });
    await publisher.publish(events, 250);
    await waitFor(async () => (await scalar(a.sql, 'SELECT count(*) FROM raw_events')) === N, {
      timeoutMs: 20_000,
      what: `${N} raw events`,
    });
  });

  afterAll(async () => {
    await publisher.stop();
    await a.close();
    await a.db.drop();
  });

  const admin = () => a.app.client.withHeaders({ 'x-api-key': ADMIN_KEY });

  async function exactFromRaw(where = 'TRUE', params: unknown[] = []) {
    const { rows } = await a.sql.query<{ latency_ms: number }>(
      `SELECT latency_ms FROM raw_events WHERE ${where} ORDER BY latency_ms`,
      params,
    );
    const sorted = rows.map((r) => r.latency_ms);
    return {
      n: sorted.length,
      p50: exactAt(sorted, 0.5),
      p95: exactAt(sorted, 0.95),
      p99: exactAt(sorted, 0.99),
    };
  }

  function expectWithinOnePercent(actual: number, exact: number) {
    expect(Math.abs(actual - exact) / exact).toBeLessThanOrEqual(0.01);
  }

  it('answers 24h with exact totals and percentiles within 1% of the raw data, before and after sealing', async () => {
    const exact = await exactFromRaw();
    const before = (await admin().get('/api/v1/metrics?timeRange=24h')).body.data;
    expect(before.requests.total).toBe(N);
    const failed = await scalar(a.sql, 'SELECT count(*) FROM raw_events WHERE status >= 400');
    expect(before.requests.failed).toBe(failed);
    expect(before.requests.successful).toBe(N - failed);
    expect(before.errors.rate).toBeCloseTo(failed / N, 5);
    for (const q of ['p50', 'p95', 'p99'] as const)
      expectWithinOnePercent(before.requests[q], exact[q]);
    expect(before.series).toHaveLength(24);
    expect(before.series.at(-1).t).toBe('2026-11-20T12:00:00.000Z');
    expect(before.series.reduce((s: number, p: { requests: number }) => s + p.requests, 0)).toBe(N);

    clock.advance(HOUR);
    const sealed = await a.get(MaintenanceService).runOnce();
    expect(sealed.sealedHours).toBeGreaterThan(0);
    clock.advance(-HOUR);
    const after = (await admin().get('/api/v1/metrics?timeRange=24h')).body.data;
    expect(after.requests).toEqual(before.requests);
    expect(after.series).toEqual(before.series);
    expect(await scalar(a.sql, 'SELECT count(*) FROM rollup_hour')).toBeGreaterThan(0);
  });

  it('narrows by consumer, API and API name, with top errors, endpoints and users', async () => {
    const exact = await exactFromRaw("consumer_id = 'con_2' AND api_id = 'api_orders'");
    const r = (await admin().get('/api/v1/metrics?timeRange=24h&consumer=con_2&service=orders'))
      .body.data;
    expect(r.requests.total).toBe(exact.n);
    expectWithinOnePercent(r.requests.p95, exact.p95);
    expect(r.usage.users).toEqual([{ userId: 'con_2', calls: exact.n }]);
    const byApi = (await admin().get('/api/v1/metrics?timeRange=24h&api=api_billing')).body.data;
    expect(byApi.requests.total).toBe(N / 3);
    const unknown = (await admin().get('/api/v1/metrics?timeRange=24h&service=nope')).body.data;
    expect(unknown.requests.total).toBe(0);

    const all = (await admin().get('/api/v1/metrics?timeRange=24h')).body.data;
    const unavailable = await scalar(
      a.sql,
      "SELECT count(*) FROM raw_events WHERE error_code = 'UPSTREAM_UNAVAILABLE'",
    );
    const notFound = await scalar(a.sql, 'SELECT count(*) FROM raw_events WHERE status = 404');
    expect(notFound).toBeGreaterThan(unavailable);
    expect(all.errors.topErrors).toEqual([
      { error: 'HTTP 404', count: notFound },
      { error: 'UPSTREAM_UNAVAILABLE', count: unavailable },
    ]);
    expect(all.usage.endpoints).toEqual([
      { path: '/a/{id}', calls: N / 2 },
      { path: '/b', calls: N / 2 },
    ]);
    expect(all.usage.users).toHaveLength(5);
  });

  it('answers 15m and 1h by minute', async () => {
    const since = new Date(NOW - (NOW % 60_000) - 59 * 60_000).toISOString();
    const exact = await exactFromRaw('time >= $1', [since]);
    const hour = (await admin().get('/api/v1/metrics?timeRange=1h')).body.data;
    expect(hour.series).toHaveLength(60);
    expect(hour.requests.total).toBe(exact.n);
    expectWithinOnePercent(hour.requests.p99, exact.p99);
    const quarter = (await admin().get('/api/v1/metrics?timeRange=15m')).body.data;
    expect(quarter.series).toHaveLength(15);
  });

  it('keeps minute, hour and day rollups equal to the raw aggregates, late events included', async () => {
    // A late event for an hour already sealed goes straight into that hour.
    await publisher.publish([
      requestEvent({ time: new Date(NOW - 2 * HOUR).toISOString(), latencyMs: 7 }),
    ]);
    await waitFor(async () => (await scalar(a.sql, 'SELECT count(*) FROM raw_events')) === N + 1, {
      timeoutMs: 20_000,
    });
    clock.advance(24 * HOUR);
    const round = await a.get(MaintenanceService).runOnce();
    expect(round.sealedDays).toBeGreaterThan(0);
    for (const [level, table] of [
      ['minute', 'rollup_minute'],
      ['hour', 'rollup_hour'],
      ['day', 'rollup_day'],
    ]) {
      const { rows } = await a.sql.query(
        `WITH raw AS (
           SELECT date_trunc('${level}', time) AS bucket, tenant_id, coalesce(api_id, '') AS api_id,
                  coalesce(route_id, '') AS route_id, consumer_id, LEAST(status / 100, 5) AS cls,
                  count(*) AS count, count(*) FILTER (WHERE status >= 400) AS errors, sum(bytes_out) AS bytes_out,
                  round(sum(latency_ms)::numeric, 3) AS latency_sum, min(latency_ms) AS mn, max(latency_ms) AS mx
           FROM raw_events GROUP BY 1, 2, 3, 4, 5, 6),
         roll AS (
           SELECT bucket, tenant_id, api_id, route_id, consumer_id, status_class AS cls, count, errors, bytes_out,
                  round(latency_sum::numeric, 3) AS latency_sum, latency_min AS mn, latency_max AS mx FROM ${table})
         SELECT (SELECT count(*) FROM (SELECT * FROM raw EXCEPT SELECT * FROM roll) x)::int AS missing,
                (SELECT count(*) FROM (SELECT * FROM roll EXCEPT SELECT * FROM raw) y)::int AS extra,
                (SELECT count(*) FROM roll)::int AS n`,
      );
      expect({ level, ...rows[0] }).toEqual({ level, missing: 0, extra: 0, n: expect.any(Number) });
      expect(rows[0].n).toBeGreaterThan(0);
      const tenant = await a.sql.query(
        `WITH raw AS (
           SELECT date_trunc('${level}', time) AS bucket, tenant_id, count(*) AS count,
                  count(*) FILTER (WHERE status >= 400) AS errors, round(sum(latency_ms)::numeric, 3) AS latency_sum,
                  min(latency_ms) AS mn, max(latency_ms) AS mx
           FROM raw_events GROUP BY 1, 2),
         roll AS (
           SELECT bucket, tenant_id, count, errors, round(latency_sum::numeric, 3), latency_min, latency_max
           FROM tenant_${table})
         SELECT (SELECT count(*) FROM (SELECT * FROM raw EXCEPT SELECT * FROM roll) x)::int AS missing,
                (SELECT count(*) FROM (SELECT * FROM roll EXCEPT SELECT * FROM raw) y)::int AS extra`,
      );
      expect({ level, ...tenant.rows[0] }).toEqual({ level, missing: 0, extra: 0 });
    }
    clock.advance(-24 * HOUR);
  });
});
