import { Webhook } from 'standardwebhooks';
import { waitFor } from '@portico/testing';
import { Receiver } from './support/receiver';
import { startHarness, type Harness } from './support/setup';

const headersOf = (r: { headers: Record<string, unknown> }) =>
  Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));

describe('webhook delivery', () => {
  let h: Harness;
  let rx: Receiver;
  beforeAll(async () => {
    [h, rx] = await Promise.all([
      startHarness({ WEBHOOK_BREAKER_FAILURES: '4' }),
      Receiver.start(),
    ]);
  });
  afterAll(async () => {
    await h.close();
    await rx.stop();
  });

  const endpoint = async (
    client: Harness['admin'],
    path: string,
    extra: Record<string, unknown> = {},
  ) => {
    const res = await client.post('/api/v1/webhooks/endpoints', {
      url: `${rx.url}${path}`,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; secret: string };
  };

  it('delivers a domain event from NATS, signed so that an independent implementation verifies it', async () => {
    const tenant = h.as('ten_sig', 'admin');
    const ep = await endpoint(tenant, '/sig', {
      eventTypes: ['consumer.*'],
      headers: { 'X-Team': 'payments' },
    });
    await h.creds.publishEvent(
      'consumer.approved',
      { consumerId: 'con_1', name: 'Acme' },
      'ten_sig',
    );
    const [req] = await waitFor(() => (rx.on('/sig').length > 0 ? rx.on('/sig') : null));
    expect(req!.method).toBe('POST');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-team']).toBe('payments');
    const verified = new Webhook(ep.secret).verify(req!.body, headersOf(req!)) as Record<
      string,
      unknown
    >;
    expect(verified).toMatchObject({
      type: 'consumer.approved',
      data: { consumerId: 'con_1', name: 'Acme' },
    });
    expect(Date.parse(verified['timestamp'] as string)).not.toBeNaN();
    expect(req!.headers['webhook-id']).toMatch(/^msg_/);

    const msgs = await tenant.get('/api/v1/webhooks/messages?eventType=consumer.approved');
    expect(msgs.body.data).toHaveLength(1);
    expect(msgs.body.data[0]).toMatchObject({ id: req!.headers['webhook-id'], source: 'event' });
    const attempts = await waitFor(async () => {
      const r = await tenant.get(`/api/v1/webhooks/messages/${msgs.body.data[0].id}/attempts`);
      return r.body.data.length === 1 ? r.body.data : null;
    });
    expect(attempts[0]).toMatchObject({
      endpointId: ep.id,
      status: 'succeeded',
      responseStatus: 204,
      trigger: 'scheduled',
      url: `${rx.url}/sig`,
    });
  });

  it('signs with both secrets during a rotation overlap, and with the new one alone after', async () => {
    const tenant = h.as('ten_rotate', 'admin');
    const ep = await endpoint(tenant, '/rot', { eventTypes: ['r.*'] });
    const rotate = async (overlapSeconds: number) =>
      (await tenant.post(`/api/v1/webhooks/endpoints/${ep.id}/secret/rotate`, { overlapSeconds }))
        .body.data.secret as string;
    const second = await rotate(3600);
    await tenant.post('/api/v1/webhooks/messages', { eventType: 'r.x', payload: { n: 1 } });
    const first = await waitFor(() => rx.on('/rot')[0]);
    expect(String(first.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [ep.secret, second]) new Webhook(s).verify(first.body, headersOf(first));

    const third = await rotate(0);
    await tenant.post('/api/v1/webhooks/messages', { eventType: 'r.x', payload: { n: 2 } });
    const next = await waitFor(() => rx.on('/rot')[1]);
    expect(String(next.headers['webhook-signature']).split(' ')).toHaveLength(1);
    new Webhook(third).verify(next.body, headersOf(next));
    expect(() => new Webhook(second).verify(next.body, headersOf(next))).toThrow();
  });

  it('delivers only to endpoints whose filters match, and dedupes an event delivered twice', async () => {
    const tenant = h.as('ten_filter', 'admin');
    await endpoint(tenant, '/f-registry', { eventTypes: ['registry.*'] });
    await endpoint(tenant, '/f-gold', {
      eventTypes: ['consumer.approved'],
      payloadFilter: { name: 'Gold' },
    });
    await h.creds.publishEvent('consumer.approved', { consumerId: 'c', name: 'Tin' }, 'ten_filter');
    await h.creds.publishEvent(
      'consumer.approved',
      { consumerId: 'c', name: 'Gold' },
      'ten_filter',
    );
    await waitFor(() => rx.on('/f-gold').length === 1);
    const msgs = await tenant.get('/api/v1/webhooks/messages');
    expect(msgs.body.data).toHaveLength(2);
    expect(rx.on('/f-registry')).toHaveLength(0);
    expect(rx.on('/f-gold')).toHaveLength(1);
  });

  it('publishes custom messages; the Idempotency-Key returns the same message', async () => {
    const tenant = h.as('ten_idem', 'admin');
    await endpoint(tenant, '/idem', { eventTypes: ['invoice.*'] });
    const body = { eventType: 'invoice.paid', payload: { invoiceId: 'inv_1', amount: 42 } };
    const first = await tenant.post('/api/v1/webhooks/messages', body, {
      headers: { 'idempotency-key': 'order-123' },
    });
    expect(first.status).toBe(201);
    expect(first.body.data.deliveries).toHaveLength(1);
    const again = await tenant.post('/api/v1/webhooks/messages', body, {
      headers: { 'idempotency-key': 'order-123' },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.id).toBe(first.body.data.id);
    const other = await tenant.post(
      '/api/v1/webhooks/messages',
      { ...body, payload: { invoiceId: 'inv_2' } },
      { headers: { 'idempotency-key': 'order-123' } },
    );
    expect(other.status).toBe(409);
    // Another tenant's identical key is its own.
    const elsewhere = await h.as('ten_idem2', 'admin').post('/api/v1/webhooks/messages', body, {
      headers: { 'idempotency-key': 'order-123' },
    });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.data.id).not.toBe(first.body.data.id);
    // eventId dedupes too.
    const e1 = await tenant.post('/api/v1/webhooks/messages', { ...body, eventId: 'evt-9' });
    const e2 = await tenant.post('/api/v1/webhooks/messages', { ...body, eventId: 'evt-9' });
    expect([e1.status, e2.status]).toEqual([201, 200]);
    expect(e2.body.data.id).toBe(e1.body.data.id);

    await waitFor(() => rx.on('/idem').length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const ids = rx.on('/idem').map((r) => r.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set([first.body.data.id, e1.body.data.id]));
  });

  it("refuses custom types in Portico's namespaces", async () => {
    const res = await h.admin.post('/api/v1/webhooks/messages', {
      eventType: 'registry.api.created',
      payload: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('eventType');
  });

  it('uses the endpoint method and logs only the first 20 KB of a response body', async () => {
    const tenant = h.as('ten_bigbody', 'admin');
    await endpoint(tenant, '/big', { eventTypes: ['big.*'], httpMethod: 'PUT' });
    rx.respond((r) =>
      r.path === '/big' ? { status: 200, body: 'x'.repeat(30_000) } : { status: 204 },
    );
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 'big.x', payload: {} });
    const [attempt] = await waitFor(async () => {
      const a = await tenant.get(`/api/v1/webhooks/messages/${msg.body.data.id}/attempts`);
      return a.body.data.length === 1 ? a.body.data : null;
    });
    expect(rx.on('/big')[0]!.method).toBe('PUT');
    expect(attempt.status).toBe('succeeded');
    expect(attempt.responseBody).toHaveLength(20 * 1024);
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    rx.respond(() => ({ status: 204 }));
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const tenant = h.as('ten_redirect', 'admin');
    await endpoint(tenant, '/moved', { retryCount: 0 });
    rx.respond((r) =>
      r.path === '/moved'
        ? { status: 302, headers: { location: `${rx.url}/target` } }
        : { status: 204 },
    );
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 'x.y', payload: {} });
    const delivery = await waitFor(async () => {
      const m = await tenant.get(`/api/v1/webhooks/messages/${msg.body.data.id}`);
      return m.body.data.deliveries[0].status === 'failed' ? m.body.data.deliveries[0] : null;
    });
    expect(delivery).toMatchObject({ lastStatus: 302, attemptCount: 1 });
    expect(delivery.lastError).toMatch(/redirects are not followed/);
    expect(rx.on('/target')).toHaveLength(0);
    rx.respond(() => ({ status: 204 }));
  });

  it('410 Gone disables the endpoint and announces it through the outbox', async () => {
    const tenant = h.as('ten_gone', 'admin');
    const watcher = await endpoint(tenant, '/gone-watch', {
      eventTypes: ['webhook.endpoint.disabled'],
    });
    const gone = await endpoint(tenant, '/gone', { eventTypes: ['thing.*'] });
    rx.respond((r) => (r.path === '/gone' ? { status: 410 } : { status: 204 }));
    await tenant.post('/api/v1/webhooks/messages', { eventType: 'thing.happened', payload: {} });
    const [announce] = await waitFor(() =>
      rx.on('/gone-watch').length > 0 ? rx.on('/gone-watch') : null,
    );
    expect(JSON.parse(announce!.body)).toMatchObject({
      type: 'webhook.endpoint.disabled',
      data: { endpointId: gone.id, reason: 'The endpoint answered 410 Gone.' },
    });
    new Webhook(watcher.secret).verify(announce!.body, headersOf(announce!));
    const ep = await tenant.get(`/api/v1/webhooks/endpoints/${gone.id}`);
    expect(ep.body.data).toMatchObject({ isActive: false, disabledReason: 'gone' });
    // Disabled endpoints get nothing new.
    await tenant.post('/api/v1/webhooks/messages', { eventType: 'thing.happened', payload: {} });
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.on('/gone')).toHaveLength(1);
    rx.respond(() => ({ status: 204 }));
  });

  it('exhausts retries, announces it, lists it as a dead letter, and recovers it', async () => {
    const tenant = h.as('ten_dead', 'admin');
    const watcher = await endpoint(tenant, '/dead-watch', {
      eventTypes: ['webhook.message.exhausted'],
    });
    const dead = await endpoint(tenant, '/dead', {
      eventTypes: ['job.*'],
      retrySchedule: [0],
      retryCount: 1,
    });
    rx.respond((r) => (r.path === '/dead' ? { status: 500, body: 'boom' } : { status: 204 }));
    const msg = await tenant.post('/api/v1/webhooks/messages', {
      eventType: 'job.done',
      payload: { n: 1 },
    });
    const [announce] = await waitFor(() =>
      rx.on('/dead-watch').length > 0 ? rx.on('/dead-watch') : null,
    );
    expect(JSON.parse(announce!.body)).toMatchObject({
      type: 'webhook.message.exhausted',
      data: {
        messageId: msg.body.data.id,
        endpointId: dead.id,
        eventType: 'job.done',
        attempts: 2,
      },
    });
    expect(watcher.id).toBeDefined();
    expect(rx.on('/dead')).toHaveLength(2);

    const attempts = await tenant.get(
      `/api/v1/webhooks/messages/${msg.body.data.id}/attempts?endpointId=${dead.id}`,
    );
    expect(attempts.body.data.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([
      500, 500,
    ]);
    expect(attempts.body.data[0]).toMatchObject({
      status: 'failed',
      responseBody: 'boom',
      error: 'HTTP 500',
    });
    expect(attempts.body.data[0].responseHeaders).toHaveProperty('date');

    const dl = await tenant.get(`/api/v1/webhooks/dead-letters?endpointId=${dead.id}`);
    expect(dl.body.data).toEqual([
      expect.objectContaining({
        messageId: msg.body.data.id,
        eventType: 'job.done',
        attemptCount: 2,
        lastStatus: 500,
      }),
    ]);

    rx.respond(() => ({ status: 204 }));
    const since = new Date(Date.now() - 60_000).toISOString();
    const rec = await tenant.post(`/api/v1/webhooks/endpoints/${dead.id}/recover`, { since });
    expect(rec.status).toBe(202);
    expect(rec.body.data).toEqual({ recovered: 1, more: false });
    await waitFor(() => rx.on('/dead').length === 3);
    const after = await waitFor(async () => {
      const a = await tenant.get(
        `/api/v1/webhooks/messages/${msg.body.data.id}/attempts?endpointId=${dead.id}`,
      );
      return a.body.data.length === 3 ? a.body.data : null;
    });
    expect(after[2]).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect(
      (await tenant.get(`/api/v1/webhooks/dead-letters?endpointId=${dead.id}`)).body.data,
    ).toEqual([]);
    const tooOld = await tenant.post(`/api/v1/webhooks/endpoints/${dead.id}/recover`, {
      since: new Date(Date.now() - 15 * 86_400_000).toISOString(),
    });
    expect(tooOld.status).toBe(400);
  });

  it('resends one message to one endpoint', async () => {
    const tenant = h.as('ten_resend', 'admin');
    const ep = await endpoint(tenant, '/resend', { eventTypes: ['a.*'] });
    const msg = await tenant.post('/api/v1/webhooks/messages', { eventType: 'a.b', payload: {} });
    await waitFor(() => rx.on('/resend').length === 1);
    const res = await tenant.post(`/api/v1/webhooks/messages/${msg.body.data.id}/resend`, {
      endpointId: ep.id,
    });
    expect(res.status).toBe(202);
    await waitFor(() => rx.on('/resend').length === 2);
    const ids = rx.on('/resend').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([msg.body.data.id, msg.body.data.id]);
  });

  it('opens the circuit breaker after consecutive failures and stops hammering the receiver', async () => {
    const tenant = h.as('ten_breaker', 'admin');
    await endpoint(tenant, '/down', { eventTypes: ['cb.*'] });
    rx.respond((r) => (r.path === '/down' ? { status: 503 } : { status: 204 }));
    for (let i = 0; i < 4; i++)
      await tenant.post('/api/v1/webhooks/messages', { eventType: 'cb.x', payload: { i } });
    await waitFor(() => rx.on('/down').length === 4);
    const more: string[] = [];
    for (let i = 0; i < 3; i++) {
      more.push(
        (await tenant.post('/api/v1/webhooks/messages', { eventType: 'cb.x', payload: { i } })).body
          .data.id,
      );
    }
    const deferred = await waitFor(async () => {
      const m = await tenant.get(`/api/v1/webhooks/messages/${more[2]}`);
      const d = m.body.data.deliveries[0];
      return d.nextAttemptAt && Date.parse(d.nextAttemptAt) - Date.now() > 30_000 ? d : null;
    });
    expect(deferred.attemptCount).toBe(0);
    expect(rx.on('/down')).toHaveLength(4);
    const metrics = await h.app.client.get('/metrics');
    expect(metrics.text).toMatch(
      /portico_webhook_deferred_total\{reason="breaker",service="webhook-dispatcher"\} [1-9]/,
    );
    rx.respond(() => ({ status: 204 }));
  });

  it('keeps messages, attempts and resends of one tenant away from another', async () => {
    const a = h.as('ten_iso_a', 'admin');
    const b = h.as('ten_iso_b', 'admin');
    const ep = await endpoint(a, '/iso', { eventTypes: ['iso.*'] });
    const msg = await a.post('/api/v1/webhooks/messages', {
      eventType: 'iso.x',
      payload: { secret: 1 },
    });
    const id = msg.body.data.id;
    expect((await b.get(`/api/v1/webhooks/messages/${id}`)).status).toBe(404);
    expect((await b.get(`/api/v1/webhooks/messages/${id}/attempts`)).status).toBe(404);
    expect(
      (await b.post(`/api/v1/webhooks/messages/${id}/resend`, { endpointId: ep.id })).status,
    ).toBe(404);
    const bEp = await endpoint(b, '/iso-b');
    expect(
      (await a.post(`/api/v1/webhooks/messages/${id}/resend`, { endpointId: bEp.id })).status,
    ).toBe(404);
    expect((await b.get('/api/v1/webhooks/messages')).body.data).toEqual([]);
    expect((await b.get('/api/v1/webhooks/dead-letters')).body.data).toEqual([]);
    // Events of tenant A never reach B's endpoints.
    await h.creds.publishEvent(
      'consumer.created',
      { consumerId: 'x', name: 'n', status: 's' },
      'ten_iso_a',
    );
    await waitFor(
      async () =>
        (await a.get('/api/v1/webhooks/messages?eventType=consumer.created')).body.data.length ===
        1,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(rx.on('/iso-b')).toHaveLength(0);
  });

  it('counts deliveries, attempts, failures and latency on /metrics', async () => {
    const text = (await h.app.client.get('/metrics')).text;
    expect(text).toMatch(
      /portico_webhook_deliveries_total\{outcome="succeeded",service="webhook-dispatcher"\} [1-9]/,
    );
    expect(text).toMatch(
      /portico_webhook_attempts_total\{result="failure",service="webhook-dispatcher"\} [1-9]/,
    );
    expect(text).toMatch(
      /portico_webhook_failures_total\{reason="http_5xx",service="webhook-dispatcher"\} [1-9]/,
    );
    expect(text).toMatch(
      /portico_webhook_delivery_latency_seconds_count\{service="webhook-dispatcher"\} [1-9]/,
    );
    expect(text).toMatch(
      /portico_webhook_messages_total\{source="event",service="webhook-dispatcher"\} [1-9]/,
    );
  });
});
