import { waitFor } from '@portico/testing';
import { Clock } from '../src/common/clock';
import { RetentionService } from '../src/maintenance/retention.service';
import { Receiver } from './support/receiver';
import { startHarness, type Harness } from './support/setup';

const SECOND = 1000;
const HOUR = 3_600_000;

/** Retry timing with the dispatcher's clock moved forward: no real sleeping through schedules. */
describe('webhook retries (injected clock)', () => {
  let h: Harness;
  let rx: Receiver;
  let offsetMs = 0;
  beforeAll(async () => {
    [h, rx] = await Promise.all([
      startHarness({ WEBHOOK_BREAKER_FAILURES: '50' }),
      Receiver.start(),
    ]);
    const clock = h.app.service.app.get(Clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + offsetMs));
  });
  afterAll(async () => {
    await h.close();
    await rx.stop();
  });
  const now = () => Date.now() + offsetMs;

  const delivery = async (client: Harness['admin'], messageId: string) =>
    (await client.get(`/api/v1/webhooks/messages/${messageId}`)).body.data.deliveries[0];

  /** Waits until the delivery is scheduled after `attempts` attempts; returns the delay. */
  const scheduledAfter = async (client: Harness['admin'], messageId: string, attempts: number) => {
    const d = await waitFor(async () => {
      const x = await delivery(client, messageId);
      return x.attemptCount === attempts && x.nextAttemptAt ? x : null;
    });
    return Date.parse(d.nextAttemptAt) - Date.parse(d.lastAttemptAt);
  };

  it('follows the schedule (5 s, 5 min, 30 min) with jitter; fails 3 times then succeeds with one webhook-id', async () => {
    const tenant = h.as('ten_sched', 'admin');
    await tenant.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}/flaky`,
      eventTypes: ['order.*'],
    });
    let calls = 0;
    rx.respond((r) =>
      r.path === '/flaky' ? { status: ++calls <= 3 ? 500 : 200 } : { status: 204 },
    );
    const msg = await tenant.post('/api/v1/webhooks/messages', {
      eventType: 'order.paid',
      payload: { id: 1 },
    });
    const id = msg.body.data.id;

    for (const [attempts, expected] of [
      [1, 5 * SECOND],
      [2, 300 * SECOND],
      [3, 1800 * SECOND],
    ] as const) {
      const delay = await scheduledAfter(tenant, id, attempts);
      expect(delay).toBeGreaterThanOrEqual(expected * 0.8 - 5);
      // Counted from the end of the attempt; lastAttemptAt is its start (slack for a slow machine).
      expect(delay).toBeLessThanOrEqual(expected * 1.2 + 2000);
      // Not due yet: nothing more is sent until the clock reaches it.
      await new Promise((r) => setTimeout(r, 150));
      expect(rx.on('/flaky')).toHaveLength(attempts);
      offsetMs += delay + SECOND;
    }
    const done = await waitFor(async () => {
      const d = await delivery(tenant, id);
      return d.status === 'succeeded' ? d : null;
    });
    expect(done.attemptCount).toBe(4);
    const got = rx.on('/flaky');
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.headers['webhook-id']))).toEqual(new Set([id]));
    const attempts = await tenant.get(`/api/v1/webhooks/messages/${id}/attempts`);
    expect(attempts.body.data.map((a: { status: string }) => a.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'succeeded',
    ]);
  });

  it('honours Retry-After on 429, 502 and 504', async () => {
    const tenant = h.as('ten_after', 'admin');
    await tenant.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}/busy`,
      eventTypes: ['busy.*'],
    });
    for (const status of [429, 502, 504]) {
      rx.respond((r) =>
        r.path === '/busy' ? { status, headers: { 'retry-after': '600' } } : { status: 204 },
      );
      const msg = await tenant.post('/api/v1/webhooks/messages', {
        eventType: 'busy.x',
        payload: { status },
      });
      const delay = await scheduledAfter(tenant, msg.body.data.id, 1);
      // The schedule alone would retry after about 5 s.
      expect(delay).toBeGreaterThanOrEqual(600 * SECOND);
      expect(delay).toBeLessThan(602 * SECOND);
    }
    rx.respond(() => ({ status: 204 }));
  });

  it('marks a message failed after the last retry of the default schedule', async () => {
    const tenant = h.as('ten_exhaust', 'admin');
    await tenant.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}/never`,
      eventTypes: ['n.*'],
    });
    rx.respond((r) => (r.path === '/never' ? { status: 500 } : { status: 204 }));
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 'n.x', payload: {} });
    for (let attempts = 1; attempts <= 7; attempts++) {
      const delay = await scheduledAfter(tenant, msg.body.data.id, attempts);
      offsetMs += delay + SECOND;
    }
    const d = await waitFor(async () => {
      const x = await delivery(tenant, msg.body.data.id);
      return x.status === 'failed' ? x : null;
    });
    expect(d.attemptCount).toBe(8);
    expect(rx.on('/never')).toHaveLength(8);
    rx.respond(() => ({ status: 204 }));
  });

  it('disables an endpoint that has failed continuously for 5 days', async () => {
    const tenant = h.as('ten_5days', 'admin');
    const ep = await tenant.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}/sick`,
      eventTypes: ['s.*'],
      retrySchedule: [3600],
      retryCount: 30,
    });
    rx.respond((r) => (r.path === '/sick' ? { status: 500 } : { status: 204 }));
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 's.x', payload: {} });
    await scheduledAfter(tenant, msg.body.data.id, 1);
    let e = (await tenant.get(`/api/v1/webhooks/endpoints/${ep.body.data.id}`)).body.data;
    const failingSince = Date.parse(e.failingSince);
    expect(failingSince).toBeGreaterThan(now() - 60 * SECOND);
    offsetMs += 4 * 24 * HOUR;
    await scheduledAfter(tenant, msg.body.data.id, 2);
    e = (await tenant.get(`/api/v1/webhooks/endpoints/${ep.body.data.id}`)).body.data;
    expect(e.isActive).toBe(true);
    offsetMs += 24 * HOUR + SECOND;
    e = await waitFor(async () => {
      const x = (await tenant.get(`/api/v1/webhooks/endpoints/${ep.body.data.id}`)).body.data;
      return x.isActive ? null : x;
    });
    expect(e).toMatchObject({ disabledReason: 'failing' });
    expect(rx.on('/sick')).toHaveLength(3);
    rx.respond(() => ({ status: 204 }));
  });

  it('a success ends a run of failures', async () => {
    const tenant = h.as('ten_heal', 'admin');
    const ep = await tenant.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}/heal`,
      eventTypes: ['h.*'],
    });
    let calls = 0;
    rx.respond((r) =>
      r.path === '/heal' ? { status: ++calls === 1 ? 500 : 200 } : { status: 204 },
    );
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 'h.x', payload: {} });
    const delay = await scheduledAfter(tenant, msg.body.data.id, 1);
    expect(
      (await tenant.get(`/api/v1/webhooks/endpoints/${ep.body.data.id}`)).body.data.failingSince,
    ).not.toBeNull();
    offsetMs += delay + SECOND;
    await waitFor(async () => (await delivery(tenant, msg.body.data.id)).status === 'succeeded');
    expect(
      (await tenant.get(`/api/v1/webhooks/endpoints/${ep.body.data.id}`)).body.data.failingSince,
    ).toBeNull();
  });

  it('keeps an Idempotency-Key for 24 hours', async () => {
    const tenant = h.as('ten_key_ttl', 'admin');
    const body = { eventType: 'ttl.x', payload: { a: 1 } };
    const headers = { 'idempotency-key': 'nightly-run' };
    const first = await tenant.post('/api/v1/webhooks/messages', body, { headers });
    offsetMs += 23 * HOUR;
    const same = await tenant.post('/api/v1/webhooks/messages', body, { headers });
    expect(same.body.data.id).toBe(first.body.data.id);
    offsetMs += 2 * HOUR;
    const fresh = await tenant.post('/api/v1/webhooks/messages', body, { headers });
    expect(fresh.status).toBe(201);
    expect(fresh.body.data.id).not.toBe(first.body.data.id);
  });

  it('deletes history past the retention period, keeping what is still being delivered', async () => {
    const tenant = h.as('ten_retain', 'admin');
    await tenant.post('/api/v1/webhooks/endpoints', { url: `${rx.url}/keep`, eventTypes: ['k.*'] });
    rx.respond(() => ({ status: 204 }));
    const done = await tenant.post('/api/v1/webhooks/messages', {
      eventType: 'k.done',
      payload: {},
    });
    await waitFor(async () => (await delivery(tenant, done.body.data.id)).status === 'succeeded');
    rx.respond((r) => (r.path === '/keep' ? { status: 500 } : { status: 204 }));
    const stuck = await tenant.post('/api/v1/webhooks/messages', {
      eventType: 'k.stuck',
      payload: {},
    });
    await scheduledAfter(tenant, stuck.body.data.id, 1);
    offsetMs += 31 * 24 * HOUR;
    const swept = await h.app.service.app.get(RetentionService).sweep();
    expect(swept.messages).toBeGreaterThanOrEqual(1);
    expect((await tenant.get(`/api/v1/webhooks/messages/${done.body.data.id}`)).status).toBe(404);
    expect((await tenant.get(`/api/v1/webhooks/messages/${stuck.body.data.id}`)).status).toBe(200);
    rx.respond(() => ({ status: 204 }));
  });
});
