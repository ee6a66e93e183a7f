import { createCloudEvent, PorticoError } from '@portico/contracts';
import { Messaging } from './messaging';
import { SubjectNamespace } from './namespace';
import { NATS_URL, countStreamMessages, uniqueSuffix, waitFor } from './test-support/nats';

describe('namespaces isolate users of one NATS server', () => {
  const a = `nsa${uniqueSuffix()}`.toLowerCase();
  const b = `nsb${uniqueSuffix()}`.toLowerCase();
  let ma: Messaging;
  let mb: Messaging;

  beforeAll(async () => {
    ma = await Messaging.connect({ url: NATS_URL, name: 'ns-a', namespace: a });
    mb = await Messaging.connect({ url: NATS_URL, name: 'ns-b', namespace: b });
    await ma.ensureStreams();
    await mb.ensureStreams();
  });
  afterAll(async () => {
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(ma.nc);
    for (const ns of [a, b]) {
      for (const name of ['PORTICO_EVENTS', 'PORTICO_TRAFFIC']) {
        await jsm.streams.delete(new SubjectNamespace(ns).stream(name)).catch(() => undefined);
      }
    }
    await ma.close();
    await mb.close();
  });

  it('rejects names that are not subject-safe', () => {
    expect(() => new SubjectNamespace('Bad.Name')).toThrow(/Invalid NATS namespace/);
  });

  it('keeps request-reply within the namespace', async () => {
    const handler = ma.handle<{ n: number }, string>(
      'echo.svc',
      async (req, ctx) => `${ctx.subject}:${req.n}`,
    );
    await handler.ready;
    expect(await ma.request<string>('echo.svc', { n: 1 })).toBe('echo.svc:1');
    await expect(mb.request('echo.svc', { n: 2 }, { timeoutMs: 500 })).rejects.toBeInstanceOf(
      PorticoError,
    );
    await handler.stop();
  });

  it('publishes events into the namespace streams only', async () => {
    const type = `test.${uniqueSuffix()}.ns`;
    const seen: string[] = [];
    const sub = mb.subscribeEvents(`${type.split('.').slice(0, 2).join('.')}.>`, (e) => {
      seen.push(e.id);
    });
    await sub.ready;
    await ma.publishEvent(createCloudEvent({ source: 't', type, tenantId: 't1', data: {} }));
    const own = createCloudEvent({ source: 't', type, tenantId: 't1', data: {} });
    await mb.publishEvent(own);
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([own.id]);
    expect(
      await countStreamMessages(
        ma,
        `${a}.portico.events.${type}`,
        new SubjectNamespace(a).stream('PORTICO_EVENTS'),
      ),
    ).toBe(1);
    await sub.stop();
  });

  it('hands durable consumers subjects without the prefix', async () => {
    const tenant = `t${uniqueSuffix()}`;
    const subjects: string[] = [];
    const consumer = ma.consumeDurable({
      stream: 'PORTICO_TRAFFIC',
      durable: `d${uniqueSuffix()}`,
      filterSubjects: [`portico.traffic.${tenant}`],
      handler: async (batch) => {
        subjects.push(...batch.map((m) => m.subject));
      },
    });
    await ma.publishJson(`portico.traffic.${tenant}`, { events: [] });
    await waitFor(() => subjects.length === 1);
    expect(subjects).toEqual([`portico.traffic.${tenant}`]);
    await consumer.stop();
  });
});
