import { mkdtemp, readdir, appendFile, rm } from 'node:fs/promises';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RequestEventBatchSchema, type RequestEvent } from '@portico/contracts';
import { Messaging, SubjectNamespace } from '@portico/messaging';
import { createLogger, MessagingService, MetricsService } from '@portico/platform';
import { readStreamMessages, startTestApp, TEST_NATS_NAMESPACE, waitFor } from '@portico/testing';
import { EventsConfigShape, type EventsConfig } from '../src/events/config';
import { RequestEventSinkService } from '../src/events/request-event-sink.service';
import { REQUEST_EVENT_SINK } from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import { requestEvent } from './events-support';
import { z } from 'zod';

const NATS_URL = 'nats://127.0.0.1:4222';
const ns = new SubjectNamespace(TEST_NATS_NAMESPACE);
const TRAFFIC_STREAM = ns.stream('PORTICO_TRAFFIC');
const quiet = process.env['TEST_LOG_LEVEL'] ?? 'warn';

/** The request ids stored on `portico.traffic.<tenant>` in this file's namespace, in order. */
async function storedIds(nats: Messaging, tenantId: string): Promise<string[]> {
  const msgs = await readStreamMessages(
    nats,
    ns.subject(`portico.traffic.${tenantId}`),
    TRAFFIC_STREAM,
  );
  return msgs.flatMap((m) =>
    RequestEventBatchSchema.parse(m.json()).events.map((e) => e.requestId),
  );
}

function eventsFor(tenantId: string, n: number, from = 0): RequestEvent[] {
  return Array.from({ length: n }, (_, i) => requestEvent(from + i, tenantId));
}

async function counter(metrics: MetricsService, name: string): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  return m ? ((await m.get()).values[0]?.value ?? 0) : Number.NaN;
}

/** A TCP relay in front of NATS that the test can cut and restore on the same port. */
class NatsRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(4222, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

describe('gateway request events (real NATS JetStream)', () => {
  let nats: Messaging;
  let dir: string;

  beforeAll(async () => {
    nats = await Messaging.connect({
      url: NATS_URL,
      name: 'gateway-events-test',
      namespace: TEST_NATS_NAMESPACE,
    });
    await nats.ensureStreams();
    dir = await mkdtemp(path.join(tmpdir(), 'portico-gw-events-'));
  });
  afterAll(async () => {
    await nats?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes N recorded events exactly once, in batches per tenant', async () => {
    const app = await startTestApp(gatewayService, {
      LOG_LEVEL: quiet,
      GATEWAY_EVENTS_SPILL_DIR: path.join(dir, 'publish'),
    });
    try {
      await app.waitUntilReady();
      const sink = app.service.app.get<RequestEventSinkService>(REQUEST_EVENT_SINK);
      const [a, b] = ['ten_pub_a', 'ten_pub_b'];
      const events = [...eventsFor(a, 1201), ...eventsFor(b, 37)];
      for (const e of events) sink.record(e);
      // Only the size trigger and the timer flush: no explicit flush here.
      await waitFor(async () => (await storedIds(nats, a)).length === 1201, {
        timeoutMs: 15_000,
        what: 'tenant a events in JetStream',
      });
      await waitFor(async () => (await storedIds(nats, b)).length === 37, { timeoutMs: 15_000 });
      expect(await storedIds(nats, a)).toEqual(eventsFor(a, 1201).map((e) => e.requestId));
      expect(await storedIds(nats, b)).toEqual(eventsFor(b, 37).map((e) => e.requestId));
      const batches = await readStreamMessages(
        nats,
        ns.subject(`portico.traffic.${a}`),
        TRAFFIC_STREAM,
      );
      expect(batches.length).toBeGreaterThanOrEqual(3); // at most 500 per message
      expect(batches.every((m) => m.headers?.get('Nats-Msg-Id')?.startsWith('gwtraffic-'))).toBe(
        true,
      );

      // The counter follows the acknowledgements, which may trail what the stream already holds.
      const published = /portico_gateway_events_published_total\{[^}]*\} 1238\b/;
      const metrics = await waitFor(
        async () => {
          const m = await app.client.get('/metrics');
          return published.test(m.text) ? m : null;
        },
        { timeoutMs: 10_000, what: 'published_total 1238' },
      );
      expect(metrics.text).toMatch(/portico_gateway_events_dropped_total\{[^}]*\} 0\b/);
    } finally {
      await app.close();
    }
  });

  it('spills while NATS is unreachable and replays on reconnect, none lost, none duplicated', async () => {
    const relay = new NatsRelay();
    await relay.start();
    // The relay cut is expected: keep its warnings out of the output.
    const logger = createLogger({ service: 'gateway-events-test', level: 'error' });
    const messaging = new MessagingService({
      url: `nats://127.0.0.1:${relay.port}`,
      name: 'gateway-events-relay',
      namespace: TEST_NATS_NAMESPACE,
      logger,
    });
    const metrics = new MetricsService('gateway-events-relay');
    const config: EventsConfig & { PORTICO_NATS_NAMESPACE: string } = {
      ...z.object(EventsConfigShape).parse({}),
      GATEWAY_EVENTS_SPILL_DIR: path.join(dir, 'relay'),
      GATEWAY_EVENTS_PUBLISH_TIMEOUT_MS: 5000,
      PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
    };
    const sink = new RequestEventSinkService(config, messaging, metrics, logger);
    sink.onModuleInit();
    void messaging.start();
    const tenant = 'ten_relay';
    try {
      await waitFor(() => messaging.connected, { timeoutMs: 15_000, what: 'NATS via the relay' });
      for (const e of eventsFor(tenant, 300)) sink.record(e);
      await sink.flush();
      expect(await counter(metrics, 'portico_gateway_events_published_total')).toBe(300);

      await relay.cut();
      await waitFor(() => !messaging.connected, { timeoutMs: 15_000, what: 'the relay cut' });
      for (const e of eventsFor(tenant, 700, 300)) sink.record(e);
      await sink.flush();
      expect(await counter(metrics, 'portico_gateway_events_spilled_total')).toBe(700);
      expect(await readdir(path.join(dir, 'relay', TEST_NATS_NAMESPACE))).not.toEqual([]);
      // More while disconnected: they queue behind the spilled ones.
      for (const e of eventsFor(tenant, 50, 1000)) sink.record(e);

      await relay.start();
      await waitFor(async () => (await storedIds(nats, tenant)).length >= 1050, {
        timeoutMs: 30_000,
        what: 'the spilled events to be replayed',
      });
      await sink.flush();
      const ids = await storedIds(nats, tenant);
      expect(ids).toEqual(eventsFor(tenant, 1050).map((e) => e.requestId));
      expect(await counter(metrics, 'portico_gateway_events_published_total')).toBe(1050);
      expect(await counter(metrics, 'portico_gateway_events_dropped_total')).toBe(0);
      await waitFor(
        async () => (await readdir(path.join(dir, 'relay', TEST_NATS_NAMESPACE))).length === 0,
        { what: 'replayed segments to be deleted' },
      );
    } finally {
      await sink.onApplicationShutdown();
      await messaging.onApplicationShutdown();
      await relay.cut();
    }
  });

  it('spills at shutdown when NATS was never there, and a later start replays the leftovers', async () => {
    const spillDir = path.join(dir, 'crash');
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const tenant = 'ten_crash';
    const offline = await startTestApp(gatewayService, {
      LOG_LEVEL: 'fatal',
      NATS_URL: `nats://127.0.0.1:${closedPort}`,
      GATEWAY_EVENTS_SPILL_DIR: spillDir,
    });
    const offlineSink = offline.service.app.get<RequestEventSinkService>(REQUEST_EVENT_SINK);
    for (const e of eventsFor(tenant, 250)) offlineSink.record(e);
    const offlineMetrics = offline.service.app.get(MetricsService);
    await offline.close();
    expect(await counter(offlineMetrics, 'portico_gateway_events_spilled_total')).toBe(250);
    expect(await counter(offlineMetrics, 'portico_gateway_events_dropped_total')).toBe(0);
    const segments = await readdir(path.join(spillDir, TEST_NATS_NAMESPACE));
    expect(segments.length).toBeGreaterThan(0);
    // A crash mid-write leaves a torn line behind: it must not block the replay.
    await appendFile(
      path.join(spillDir, TEST_NATS_NAMESPACE, segments.at(-1)!),
      '{"tenantId":"ten_cr',
    );

    const app = await startTestApp(gatewayService, {
      LOG_LEVEL: quiet,
      GATEWAY_EVENTS_SPILL_DIR: spillDir,
    });
    try {
      await waitFor(async () => (await storedIds(nats, tenant)).length >= 250, {
        timeoutMs: 20_000,
        what: 'leftover events to be replayed at start',
      });
      expect(await storedIds(nats, tenant)).toEqual(eventsFor(tenant, 250).map((e) => e.requestId));
      await waitFor(
        async () => (await readdir(path.join(spillDir, TEST_NATS_NAMESPACE))).length === 0,
        {
          what: 'the replayed segment to be deleted',
        },
      );
    } finally {
      await app.close();
    }
  });
});
