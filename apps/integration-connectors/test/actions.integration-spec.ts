import { createCloudEvent, eventSubject } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import { TEST_NATS_NAMESPACE, waitFor } from '@portico/testing';
import {
  admin,
  createConnection,
  createDefinition,
  rows,
  startHarness,
  type Harness,
} from './support/harness';
import { StandIn, type RecordedRequest, type Reply } from './support/stand-in';

describe('actions: call third-party APIs on Portico events', () => {
  let h: Harness;
  let weather: StandIn;
  let chat: StandIn;
  let mirror: StandIn;
  let bus: Messaging;
  let weatherDown = false;
  let chatDown = false;
  let weatherConn: string;
  let chatConn: string;

  const publish = async (
    type: string,
    data: Record<string, unknown>,
    tenantId = 'ten_default',
    id?: string,
  ) => {
    const event = createCloudEvent({
      source: 'consumer-management',
      type,
      tenantId,
      data,
      ...(id ? { id } : {}),
    });
    // A distinct Nats-Msg-Id, so a repeated event id reaches the consumer (a redelivery) instead of
    // being dropped by JetStream's duplicate window.
    await bus.publishJson(eventSubject(type), event, { msgId: `${event.id}-${Math.random()}` });
    return event;
  };
  const invocations = async (actionId: string) =>
    (await h.app.client.get(`/api/v1/connectors/actions/${actionId}/invocations`, admin)).body.data;

  beforeAll(async () => {
    h = await startHarness();
    weather = await StandIn.start((req: RecordedRequest): Reply => {
      if (weatherDown) return { status: 500, body: { error: 'weather down' } };
      if (req.query.get('key') !== 'wx-key-123') return { status: 401, body: {} };
      return {
        body: { city: req.query.get('city'), temp: req.query.get('city') === 'Oslo' ? 12 : 20 },
      };
    });
    chat = await StandIn.start((): Reply =>
      chatDown ? { status: 503, body: { error: 'chat down' } } : { body: { ok: true } },
    );
    mirror = await StandIn.start((): Reply => ({ body: { ok: true, via: 'mirror' } }));
    bus = await Messaging.connect({
      url: 'nats://127.0.0.1:4222',
      name: 'actions-test',
      namespace: TEST_NATS_NAMESPACE,
    });
    await bus.ensureStreams();
    const retry = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 };
    const wxDef = await createDefinition(h, {
      name: 'weather',
      baseUrl: `${weather.url}/v1`,
      auth: { type: 'apiKey', in: 'query', name: 'key' },
      retry,
    });
    const chatDef = await createDefinition(h, { name: 'chat', baseUrl: chat.url, retry });
    weatherConn = await createConnection(h, {
      name: 'weather',
      definitionId: wxDef,
      credentials: { apiKey: 'wx-key-123' },
    });
    chatConn = await createConnection(h, { name: 'chat', definitionId: chatDef });
  });
  afterAll(async () => {
    await bus.close();
    await Promise.all([weather.close(), chat.close(), mirror.close()]);
    await h.close();
  });

  it('enriches with a cached lookup, posts a templated payload, and falls back when the provider is down', async () => {
    const created = await h.app.client.post(
      '/api/v1/connectors/actions',
      {
        name: 'welcome in chat',
        eventType: 'consumer.created',
        filter: 'data.status = "active"',
        steps: [
          {
            name: 'weather',
            connectionId: weatherConn,
            method: 'GET',
            path: '/forecast',
            query: { city: '{{ event.data.city }}' },
            cache: { ttlSeconds: 300 },
            fallback: { type: 'default', value: { temp: 'unknown' } },
          },
          {
            name: 'notify',
            connectionId: chatConn,
            path: '/hooks/T123',
            body: '{ "text": "Welcome " & event.data.name & ", it is " & $string(steps.weather.temp) & " in " & event.data.city }',
          },
        ],
      },
      admin,
    );
    expect(created.status).toBe(201);
    const actionId = created.body.data.id;

    await publish('consumer.created', {
      consumerId: 'con_1',
      name: 'Ada',
      status: 'active',
      city: 'Oslo',
    });
    await waitFor(async () => (await invocations(actionId)).length === 1);
    expect(weather.requests).toHaveLength(1);
    expect(JSON.parse(chat.requests[0]!.body)).toEqual({ text: 'Welcome Ada, it is 12 in Oslo' });

    // Same lookup again: answered from the cache, the provider is not called.
    await publish('consumer.created', {
      consumerId: 'con_2',
      name: 'Bob',
      status: 'active',
      city: 'Oslo',
    });
    await waitFor(async () => (await invocations(actionId)).length === 2);
    expect(weather.requests).toHaveLength(1);
    expect(JSON.parse(chat.requests[1]!.body)).toEqual({ text: 'Welcome Bob, it is 12 in Oslo' });
    const [hit, miss] = await invocations(actionId);
    expect(
      hit.attempts.map((a: { step: string; outcome: string }) => `${a.step}:${a.outcome}`),
    ).toEqual(['weather:cache_hit', 'notify:success']);
    expect(miss.attempts[0]).toMatchObject({
      step: 'weather',
      endpoint: 'primary',
      statusCode: 200,
      outcome: 'success',
    });
    expect(miss.attempts[0].url).not.toContain('wx-key-123');

    // Filtered out: nothing called, nothing recorded.
    await publish('consumer.created', {
      consumerId: 'con_3',
      name: 'Cy',
      status: 'pending',
      city: 'Oslo',
    });
    // Another tenant's event never triggers this tenant's action.
    await publish(
      'consumer.created',
      { consumerId: 'con_4', name: 'Eve', status: 'active', city: 'Rome' },
      'ten_other',
    );

    // Provider down, not cached: retried, then the default value stands in.
    weatherDown = true;
    await publish('consumer.created', {
      consumerId: 'con_5',
      name: 'Dan',
      status: 'active',
      city: 'Bergen',
    });
    await waitFor(async () => (await invocations(actionId)).length === 3);
    const fallback = (await invocations(actionId))[0];
    expect(fallback.status).toBe('fallback');
    expect(
      fallback.attempts.map(
        (a: { outcome: string; statusCode: number | null }) => `${a.outcome}:${a.statusCode}`,
      ),
    ).toEqual(['error:500', 'error:500', 'fallback_default:null', 'success:200']);
    expect(JSON.parse(chat.requests.at(-1)!.body)).toEqual({
      text: 'Welcome Dan, it is unknown in Bergen',
    });
    expect(chat.requests).toHaveLength(3);
    expect(weather.requests.map((r) => r.query.get('city'))).toEqual(['Oslo', 'Bergen', 'Bergen']);

    const errors = (await h.app.client.get(`/api/v1/connectors/${weatherConn}/errors`, admin)).body
      .data;
    expect(errors[0]).toMatchObject({ actionId, kind: 'http_5xx', httpStatus: 500 });
    expect(JSON.stringify([errors, h.app.logs])).not.toContain('wx-key-123');
    weatherDown = false;
  });

  it('uses a secondary endpoint, or gives up quietly, per action', async () => {
    const mk = async (name: string, fallback: unknown) =>
      (
        await h.app.client.post(
          '/api/v1/connectors/actions',
          {
            name,
            eventType: 'registry.>',
            steps: [
              {
                name: 'post',
                connectionId: chatConn,
                path: '/hooks/{{ event.data.apiId }}',
                body: 'event.data',
                fallback,
              },
            ],
          },
          admin,
        )
      ).body.data.id;
    const secondary = await mk('mirror', { type: 'secondary', baseUrl: mirror.url });
    const quiet = await mk('quiet', { type: 'ignore' });
    chatDown = true;
    await publish('registry.api.created', { apiId: 'api 1', name: 'Pets', title: 'Pets' });
    await waitFor(
      async () =>
        (await invocations(secondary)).length === 1 && (await invocations(quiet)).length === 1,
    );
    const [viaMirror] = await invocations(secondary);
    expect(viaMirror.status).toBe('fallback');
    expect(viaMirror.result).toEqual({ post: { ok: true, via: 'mirror' } });
    expect(
      viaMirror.attempts.map(
        (a: { endpoint: string; outcome: string }) => `${a.endpoint}:${a.outcome}`,
      ),
    ).toEqual(['primary:error', 'primary:error', 'secondary:fallback_secondary']);
    expect(mirror.requests[0]!.path).toBe('/hooks/api%201');
    expect(JSON.parse(mirror.requests[0]!.body)).toEqual({
      apiId: 'api 1',
      name: 'Pets',
      title: 'Pets',
    });
    const [gaveUp] = await invocations(quiet);
    expect(gaveUp.status).toBe('skipped');
    expect(gaveUp.attempts.at(-1).outcome).toBe('gave_up');
    chatDown = false;
  });

  it('handles a redelivered event once (dedupe on event id)', async () => {
    const created = await h.app.client.post(
      '/api/v1/connectors/actions',
      {
        name: 'once',
        eventType: 'consumer.approved',
        steps: [
          { name: 'post', connectionId: chatConn, path: '/hooks/once', body: '{"id": event.id}' },
        ],
      },
      admin,
    );
    const actionId = created.body.data.id;
    const first = await publish('consumer.approved', { consumerId: 'con_9', name: 'Fay' });
    await waitFor(async () => (await invocations(actionId)).length === 1);
    await publish(
      'consumer.approved',
      { consumerId: 'con_9', name: 'Fay' },
      'ten_default',
      first.id,
    );
    await publish('consumer.approved', { consumerId: 'con_10', name: 'Gus' });
    await waitFor(async () => (await invocations(actionId)).length === 2);
    expect(chat.on('/hooks/once')).toHaveLength(2);
    const recorded = await rows<{ n: number }>(
      h,
      `SELECT count(*)::int AS n FROM "${h.db.schema}".action_invocations WHERE action_id = $1 AND event_id = $2`,
      [actionId, first.id],
    );
    expect(recorded[0]!.n).toBe(1);
  });

  it('validates actions and keeps them per tenant', async () => {
    const bad = await h.app.client.post(
      '/api/v1/connectors/actions',
      {
        name: 'bad',
        eventType: 'consumer.created',
        filter: 'data.(',
        steps: [{ name: 's', connectionId: chatConn, path: '/x' }],
      },
      admin,
    );
    expect(bad.status).toBe(400);
    const unknownConn = await h.app.client.post(
      '/api/v1/connectors/actions',
      {
        name: 'bad',
        eventType: 'consumer.created',
        steps: [{ name: 's', connectionId: 'cnx_nope', path: '/x' }],
      },
      admin,
    );
    expect(unknownConn.status).toBe(400);
    const other = {
      headers: {
        'x-api-key': h.creds.addKey('pk_actions_other_tenant_01', {
          role: 'admin',
          tenantId: 'ten_other',
        }),
      },
    };
    const mine = (await h.app.client.get('/api/v1/connectors/actions', admin)).body.data;
    expect(mine.length).toBeGreaterThan(0);
    expect((await h.app.client.get('/api/v1/connectors/actions', other)).body.data).toEqual([]);
    expect((await h.app.client.get(`/api/v1/connectors/actions/${mine[0].id}`, other)).status).toBe(
      404,
    );
    const inUse = await h.app.client.delete(`/api/v1/connectors/${chatConn}`, admin);
    expect(inUse.status).toBe(409);
  });
});
