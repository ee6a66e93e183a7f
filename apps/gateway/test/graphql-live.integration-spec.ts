import { randomUUID } from 'node:crypto';
import { Streams, trafficSubject, type RequestEvent } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import { TEST_NATS_NAMESPACE, waitFor } from '@portico/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_KEY, startSuite, type Suite } from './graphql-support';

function event(overrides: Partial<RequestEvent>): RequestEvent {
  return {
    requestId: `req_${randomUUID()}`,
    time: new Date().toISOString(),
    tenantId: 'ten_default',
    apiId: 'api_live',
    apiName: 'live',
    version: 'v1',
    routeId: 'rte_live',
    method: 'GET',
    pathTemplate: '/live',
    path: '/live',
    status: 200,
    upstreamInstance: '127.0.0.1:9001',
    latencyMs: 20,
    upstreamLatencyMs: 18,
    gatewayLatencyMs: 2,
    bytesIn: 0,
    bytesOut: 100,
    consumerId: 'con_live',
    keyId: 'key_live',
    planId: null,
    quotaPerMonth: null,
    clientIp: '203.0.113.9',
    errorCode: null,
    cacheStatus: null,
    ...overrides,
  };
}

interface Tick {
  at: string;
  requests: number;
  errors: number;
  avgLatencyMs: number;
}

/**
 * Live and aggregated traffic: a graphql-ws subscription fed from NATS `portico.traffic.<tenant>`,
 * and analytics' metrics and health (the real service ingesting the same events).
 */
describe('GraphQL at the gateway: live counters and analytics', () => {
  let s: Suite;
  let nats: Messaging;
  const clients: Client[] = [];

  beforeAll(async () => {
    s = await startSuite(['analytics']);
    nats = await Messaging.connect({
      url: 'nats://127.0.0.1:4222',
      name: 'graphql-live-test',
      namespace: TEST_NATS_NAMESPACE,
    });
    await nats.ensureStreams([Streams.traffic]);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await nats?.close();
    await s?.close();
  });

  const publish = (events: RequestEvent[]) =>
    nats.publishJson(trafficSubject(events[0]!.tenantId), { events });

  function ws(key: string): Client {
    const client = createClient({
      url: `${s.gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': key },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  it('streams per-second counters of one API of the caller tenant over graphql-ws', async () => {
    const ticks: Tick[] = [];
    const errors: unknown[] = [];
    ws(ADMIN_KEY).subscribe<{ requestMetrics: Tick }>(
      {
        query:
          'subscription { requestMetrics(api: "api_live") { at requests errors avgLatencyMs } }',
      },
      {
        next: (r) => (r.data ? ticks.push(r.data.requestMetrics) : errors.push(r.errors)),
        error: (e) => errors.push(e),
        complete: () => undefined,
      },
    );
    // A first (empty) tick means the subscription and its NATS subscription are live.
    await waitFor(() => ticks.length > 0, { timeoutMs: 15_000, what: 'a first tick' });
    expect(errors).toEqual([]);
    await publish([
      ...[1, 2, 3].map(() => event({ latencyMs: 30 })),
      ...[1, 2].map(() => event({ status: 500, latencyMs: 10 })),
      event({ apiId: 'api_other' }),
    ]);
    await publish([event({ tenantId: 'ten_elsewhere' }), event({ tenantId: 'ten_elsewhere' })]);
    const sum = () => ticks.reduce((n, t) => n + t.requests, 0);
    await waitFor(() => sum() === 5, { timeoutMs: 15_000, what: 'five requests counted' });
    expect(ticks.reduce((n, t) => n + t.errors, 0)).toBe(2);
    const seen = ticks.length;
    // Two more ticks: nothing from the other API or the other tenant shows up late.
    await waitFor(() => ticks.length >= seen + 2, { timeoutMs: 15_000, what: 'two more ticks' });
    expect(sum()).toBe(5);
  });

  it('refuses a subscription with a wrong key', async () => {
    const outcome = await new Promise<unknown>((resolve) => {
      ws(`${ADMIN_KEY}-wrong`).subscribe(
        { query: 'subscription { requestMetrics(api: "api_live") { requests } }' },
        {
          next: () => resolve('data'),
          error: (e) => resolve(e),
          complete: () => resolve('complete'),
        },
      );
    });
    expect((outcome as { code?: number }).code).toBe(4403);
  });

  it("answers metrics and apiHealth from analytics' aggregates of the same traffic", async () => {
    await publish([event({}), event({}), event({ status: 502 })]);
    const report = await waitFor(
      async () => {
        const r = await s.gql(
          `{ metrics(timeRange: "15m", api: "api_live") { requests { total failed } errors { rate topErrors { error count } } series { requests } } }`,
        );
        return r.data?.metrics?.requests.total >= 8 ? r.data.metrics : null;
      },
      { timeoutMs: 30_000, what: 'analytics to ingest the traffic' },
    );
    expect(report.requests).toEqual({ total: 8, failed: 3 });
    expect(report.errors.topErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ error: 'HTTP 500', count: 2 })]),
    );
    const health = await s.gql(`{ apiHealth(api: "api_live") { apis { apiId requests status } } }`);
    expect(health.data.apiHealth.apis).toEqual([
      expect.objectContaining({ apiId: 'api_live', requests: 8 }),
    ]);
    const bad = await s.gql(`{ metrics(timeRange: "2y") { requests { total } } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'timeRange' })],
    });
  });
});
