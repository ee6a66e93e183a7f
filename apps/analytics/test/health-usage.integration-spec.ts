import { RpcSubject, type ApiHealthReport } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import { CredentialsDouble, TEST_NATS_NAMESPACE, waitFor } from '@portico/testing';
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

describe('health, API reports and usage (real NATS and PostgreSQL)', () => {
  const clock = new FakeClock(NOW);
  let a: Analytics;
  let publisher: TrafficPublisher;
  let creds: CredentialsDouble;
  let rpc: Messaging;

  const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
  const api = (
    apiId: string,
    n: number,
    f: (i: number) => Partial<Parameters<typeof requestEvent>[0]>,
  ) =>
    Array.from({ length: n }, (_, i) =>
      requestEvent({ apiId, apiName: apiId.slice(4), time: at(i % 50), ...f(i) }),
    );

  beforeAll(async () => {
    a = await startAnalytics({ clock });
    publisher = await TrafficPublisher.start();
    creds = await CredentialsDouble.start();
    creds.addKey('k_consumer_a', { role: 'consumer', consumerId: 'con_a' });
    creds.addKey('k_other_tenant', { role: 'admin', tenantId: 'ten_other' });
    rpc = await Messaging.connect({
      url: 'nats://127.0.0.1:4222',
      name: 'gateway-double',
      namespace: TEST_NATS_NAMESPACE,
    });
    const events = [
      ...api('api_critical', 10, () => ({ latencyMs: 5001 })),
      ...api('api_warning', 10, (i) => ({ latencyMs: i < 5 ? 2000 : 2002.5 })),
      ...api('api_error', 10, (i) => ({ status: i < 2 ? 500 : 200 })), // 20% failed
      ...api('api_edge', 10, (i) => ({ status: i < 1 ? 502 : 200, latencyMs: 2000 })), // exactly 10%, exactly 2,000 ms
      ...api('api_ok', 10, (i) => ({
        consumerId: i < 6 ? 'con_a' : 'con_b',
        planId: 'pln_gold',
        quotaPerMonth: 1000,
      })),
      // Two hours ago: outside the health window, inside usage.
      requestEvent({
        apiId: 'api_ok',
        apiName: 'ok',
        time: at(120),
        consumerId: 'con_b',
        status: 500,
      }),
      requestEvent({
        tenantId: 'ten_other',
        apiId: 'api_secret',
        consumerId: 'con_x',
        time: at(1),
      }),
    ];
    await publisher.publish(events, 25);
    await waitFor(
      async () => (await scalar(a.sql, 'SELECT count(*) FROM raw_events')) === events.length,
      { timeoutMs: 20_000, what: 'events stored' },
    );
  });

  afterAll(async () => {
    await rpc.close();
    await creds.stop();
    await publisher.stop();
    await a.close();
    await a.db.drop();
  });

  it('classifies each API at the thresholds, over NATS for the gateway and over REST', async () => {
    const report = await rpc.request<ApiHealthReport>(RpcSubject.analyticsApiHealth, {
      tenantId: 'ten_default',
    });
    const status = Object.fromEntries(report.apis.map((x) => [x.apiId, x.status]));
    expect(status).toEqual({
      api_critical: 'CRITICAL',
      api_warning: 'WARNING',
      api_error: 'ERROR',
      api_edge: 'HEALTHY',
      api_ok: 'HEALTHY',
    });
    expect(report.windowEnd).toBe('2026-11-20T12:31:00.000Z');
    const ok = report.apis.find((x) => x.apiId === 'api_ok')!;
    expect(ok).toMatchObject({
      requests: 10,
      errorRate: 0,
      routes: [{ routeId: 'rte_list', method: 'GET', requests: 10 }],
    });
    const all = await rpc.request<ApiHealthReport>(RpcSubject.analyticsApiHealth, {});
    expect(all.apis.map((x) => x.apiId)).toContain('api_secret');
    const rest = await a.app.client.get('/api/v1/analytics/health', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(rest.body.data.apis.map((x: { apiId: string }) => x.apiId).sort()).toEqual([
      'api_critical',
      'api_edge',
      'api_error',
      'api_ok',
      'api_warning',
    ]);
  });

  it("reports one API, and another tenant's API is not found", async () => {
    const r = await a.app.client.get('/api/v1/analytics/apis/api_error?timeRange=24h', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      apiId: 'api_error',
      apiName: 'error',
      health: 'ERROR',
      requests: { total: 10, failed: 2 },
      versions: [{ version: 'v1', calls: 10 }],
      routes: [{ routeId: 'rte_list', pathTemplate: '/orders', calls: 10, errorRate: 0.2 }],
    });
    const hidden = await a.app.client.get('/api/v1/analytics/apis/api_secret', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(hidden.status).toBe(404);
    const other = await a.app.client.get('/api/v1/analytics/apis/api_secret', {
      headers: { 'x-api-key': 'k_other_tenant' },
    });
    expect(other.body.data.requests.total).toBe(1);
  });

  it('gives usage per consumer for the billing period, as JSON and CSV, and consumers see their own', async () => {
    const r = await a.app.client.get('/api/v1/analytics/usage?period=2026-11', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    const rows = r.body.data as Array<{
      consumerId: string;
      requests: number;
      failed: number;
      quotaUsed: number | null;
    }>;
    expect(r.body.pagination).toEqual({ page: 1, limit: 100, total: 3 });
    expect(rows[0]).toMatchObject({
      consumerId: 'con_alpha',
      requests: 40,
      failed: 3,
      quotaUsed: null,
    });
    expect(rows.find((x) => x.consumerId === 'con_b')).toMatchObject({ requests: 5, failed: 1 });
    expect(rows.find((x) => x.consumerId === 'con_a')).toMatchObject({
      requests: 6,
      planId: 'pln_gold',
      quotaPerMonth: 1000,
      quotaUsed: 0.006,
    });
    const csv = await a.app.client.get('/api/v1/analytics/usage?period=2026-11&format=csv', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'period,consumerId,requests,successful,failed,bytesIn,bytesOut,planId,quotaPerMonth,quotaUsed',
    );
    expect(lines).toContain('2026-11,con_a,6,6,0,600,6000,pln_gold,1000,0.006');
    expect(lines).toHaveLength(4);

    const mine = await a.app.client.get('/api/v1/analytics/usage', {
      headers: { 'x-api-key': 'k_consumer_a' },
    });
    expect(mine.body.data.map((x: { consumerId: string }) => x.consumerId)).toEqual(['con_a']);
    const metrics = await a.app.client.get('/api/v1/metrics?timeRange=1h&consumer=con_b', {
      headers: { 'x-api-key': 'k_consumer_a' },
    });
    expect(metrics.body.data.usage.users).toEqual([{ userId: 'con_a', calls: 6 }]);
    const empty = await a.app.client.get('/api/v1/analytics/usage?period=2026-10', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(empty.body.data).toEqual([]);
    const bad = await a.app.client.get('/api/v1/analytics/usage?period=2026-13', {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(bad.status).toBe(400);
  });
});
