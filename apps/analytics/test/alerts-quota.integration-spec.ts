import { Streams } from '@portico/contracts';
import {
  CredentialsDouble,
  readStreamMessages,
  TEST_NATS_NAMESPACE,
  waitFor,
} from '@portico/testing';
import { MessagingService } from '@portico/platform';
import { AlertEvaluator } from '../src/alerts/alert-evaluator';
import { Outbox } from '../src/shared/outbox';
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

describe('alert and quota events (outbox, real NATS and PostgreSQL)', () => {
  const clock = new FakeClock(NOW);
  let a: Analytics;
  let publisher: TrafficPublisher;
  let creds: CredentialsDouble;

  beforeAll(async () => {
    a = await startAnalytics({ clock });
    publisher = await TrafficPublisher.start();
    creds = await CredentialsDouble.start();
    creds.addKey('k_auditor', { role: 'auditor' });
  });
  afterAll(async () => {
    await creds.stop();
    await publisher.stop();
    await a.close();
    await a.db.drop();
  });

  const admin = () => a.app.client.withHeaders({ 'x-api-key': ADMIN_KEY });
  const outbox = async (type: string) =>
    (
      await a.sql.query<{ payload: { data: Record<string, unknown>; subject: string } }>(
        'SELECT payload FROM outbox_events WHERE type = $1 ORDER BY id',
        [type],
      )
    ).rows.map((r) => r.payload);

  async function send(n: number, overrides: Parameters<typeof requestEvent>[0] = {}) {
    const before = await scalar(a.sql, 'SELECT count(*) FROM raw_events');
    const events = Array.from({ length: n }, () =>
      requestEvent({ time: clock.now().toISOString(), ...overrides }),
    );
    await publisher.publish(events, 7);
    await waitFor(
      async () => (await scalar(a.sql, 'SELECT count(*) FROM raw_events')) === before + n,
      { timeoutMs: 20_000, what: `${before + n} events stored` },
    );
    return events;
  }

  it('emits analytics.usage.threshold_reached once at 80% and once at 100% of the monthly quota', async () => {
    const quota = { consumerId: 'con_q', planId: 'pln_small', quotaPerMonth: 100 };
    await send(79, quota);
    expect(await outbox('analytics.usage.threshold_reached')).toEqual([]);
    const crossing = await send(1, quota);
    await send(19, quota);
    // Redelivered traffic (the same request ids) neither counts nor re-emits.
    await publisher.publish(crossing, 1);
    await send(1, quota);
    await send(30, quota);
    await new Promise((r) => setTimeout(r, 200));
    const events = await outbox('analytics.usage.threshold_reached');
    expect(events.map((e) => e.data)).toEqual([
      {
        consumerId: 'con_q',
        period: '2026-11',
        used: 80,
        quota: 100,
        threshold: 80,
        planId: 'pln_small',
      },
      {
        consumerId: 'con_q',
        period: '2026-11',
        used: 100,
        quota: 100,
        threshold: 100,
        planId: 'pln_small',
      },
    ]);
    expect(
      await scalar(a.sql, "SELECT requests FROM consumer_usage WHERE consumer_id = 'con_q'"),
    ).toBe(130);
    // The relay publishes them to JetStream for the webhook dispatcher.
    await a.get(Outbox).flush();
    const published = await readStreamMessages(
      a.get(MessagingService).get(),
      `${TEST_NATS_NAMESPACE}.portico.events.analytics.usage.threshold_reached`,
      `${TEST_NATS_NAMESPACE.toUpperCase()}_${Streams.events.name}`,
    );
    expect(published.map((m) => m.json<{ data: { threshold: number } }>().data.threshold)).toEqual([
      80, 100,
    ]);
  });

  it('triggers and resolves an alert rule once per crossing', async () => {
    const created = await admin().post('/api/v1/analytics/alerts', {
      name: 'orders failing',
      metric: 'error_rate',
      threshold: 0.5,
      windowMinutes: 5,
      scope: { apiId: 'api_pay' },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(created.body.data).toMatchObject({ operator: 'gt', state: 'ok', enabled: true });
    const evaluator = a.get(AlertEvaluator);

    await send(4, { apiId: 'api_pay', status: 200 });
    expect(await evaluator.evaluateAll()).toBe(0);
    await send(6, { apiId: 'api_pay', status: 503 }); // 60% failed
    await send(20, { apiId: 'api_other', status: 503 }); // out of scope
    expect(await evaluator.evaluateAll()).toBe(1);
    expect(await evaluator.evaluateAll()).toBe(0);
    const firing = await admin().get(`/api/v1/analytics/alerts/${id}`);
    expect(firing.body.data).toMatchObject({ state: 'firing', lastValue: 0.6 });

    clock.advance(6 * 60_000); // the window moves past the failures
    expect(await evaluator.evaluateAll()).toBe(1);
    expect(await evaluator.evaluateAll()).toBe(0);
    clock.advance(-6 * 60_000);

    const triggered = await outbox('analytics.alert.triggered');
    const resolved = await outbox('analytics.alert.resolved');
    expect(triggered.map((e) => [e.subject, e.data])).toEqual([
      [
        id,
        {
          alertId: id,
          name: 'orders failing',
          metric: 'error_rate',
          value: 0.6,
          threshold: 0.5,
          scope: { apiId: 'api_pay' },
        },
      ],
    ]);
    expect(resolved.map((e) => e.data.value)).toEqual([0]);
  });

  it('keeps rules per tenant and lets only admins change them', async () => {
    const list = await admin().get('/api/v1/analytics/alerts');
    expect(list.body.pagination.total).toBe(1);
    const id = list.body.data[0].id as string;
    const auditor = a.app.client.withHeaders({ 'x-api-key': 'k_auditor' });
    expect((await auditor.get(`/api/v1/analytics/alerts/${id}`)).status).toBe(200);
    expect((await auditor.patch(`/api/v1/analytics/alerts/${id}`, { threshold: 1 })).status).toBe(
      403,
    );
    const invalid = await admin().post('/api/v1/analytics/alerts', {
      name: 'x',
      metric: 'cpu',
      threshold: 1,
    });
    expect(invalid.status).toBe(400);
    const patched = await admin().patch(`/api/v1/analytics/alerts/${id}`, { threshold: 0.9 });
    expect(patched.body.data).toMatchObject({ threshold: 0.9, state: 'ok' });
    expect((await admin().delete(`/api/v1/analytics/alerts/${id}`)).status).toBe(204);
    expect((await admin().get(`/api/v1/analytics/alerts/${id}`)).status).toBe(404);
  });
});
