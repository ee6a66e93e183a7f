import { waitFor } from '@portico/testing';
import { MaintenanceService } from '../src/storage/maintenance.service';
import {
  type Analytics,
  FakeClock,
  requestEvent,
  scalar,
  startAnalytics,
  TrafficPublisher,
} from './support';

const T0 = Date.parse('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;

describe('retention by partition and Prometheus series (real NATS and PostgreSQL)', () => {
  const clock = new FakeClock(T0);
  let a: Analytics;
  let publisher: TrafficPublisher;

  beforeAll(async () => {
    a = await startAnalytics({ clock });
    publisher = await TrafficPublisher.start();
    await a.get(MaintenanceService).runOnce(); // after the start-up round, before moving the clock
  });
  afterAll(async () => {
    await publisher.stop();
    await a.close();
    await a.db.drop();
  });

  const partitions = async (table: string) =>
    (
      await a.sql.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = CAST($1 AS regclass) ORDER BY 1`,
        [table],
      )
    ).rows.map((r) => r.name);

  it('drops whole partitions past retention, finer levels only once rolled up', async () => {
    const at = (ms: number) => requestEvent({ time: new Date(ms).toISOString(), status: 201 });
    await publisher.publish([
      at(T0 - 6 * DAY),
      at(T0 - 3 * DAY),
      at(T0 - 3_600_000),
      at(T0 - 8 * DAY),
    ]);
    await waitFor(async () => (await scalar(a.sql, 'SELECT count(*) FROM raw_events')) === 3, {
      timeoutMs: 20_000,
    });
    expect(await partitions('raw_events')).toEqual(
      expect.arrayContaining([
        'raw_events_p20261114',
        'raw_events_p20261117',
        'raw_events_p20261120',
        'raw_events_p20261122',
      ]),
    );

    clock.advance(2 * DAY);
    const round = await a.get(MaintenanceService).runOnce();
    expect(round.dropped).toEqual(
      expect.arrayContaining(['raw_events_p20261114', 'rollup_minute_p20261117']),
    );
    const raw = await partitions('raw_events');
    expect(raw).not.toContain('raw_events_p20261114');
    expect(raw).toEqual(expect.arrayContaining(['raw_events_p20261117', 'raw_events_p20261124']));
    expect(await scalar(a.sql, 'SELECT count(*) FROM raw_events')).toBe(2);
    expect(await partitions('rollup_minute')).not.toContain('rollup_minute_p20261118');
    expect(await scalar(a.sql, 'SELECT coalesce(sum(count), 0) FROM rollup_minute')).toBe(1);
    // Every event is still in the coarser levels, which keep longer.
    expect(await scalar(a.sql, 'SELECT sum(count) FROM rollup_hour')).toBe(3);
    expect(await scalar(a.sql, 'SELECT sum(count) FROM rollup_day')).toBe(3);
    clock.advance(-2 * DAY);
  });

  it('exposes per-API request counters and latency histograms on /metrics', async () => {
    const text = (await a.app.client.get('/metrics')).text;
    expect(text).toMatch(
      /portico_analytics_api_requests_total\{tenant="ten_default",api="api_orders",status_class="2xx",service="analytics"\} 3/,
    );
    expect(text).toMatch(
      /portico_analytics_api_request_duration_seconds_count\{service="analytics",tenant="ten_default",api="api_orders"\} 3/,
    );
    expect(text).toMatch(
      /portico_analytics_api_request_duration_seconds_bucket\{le="0.025",service="analytics",tenant="ten_default",api="api_orders"\} 3/,
    );
    expect(text).toMatch(
      /portico_analytics_dropped_events_total\{reason="too_old",service="analytics"\} 1/,
    );
  });
});
