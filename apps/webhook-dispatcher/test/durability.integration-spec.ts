import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCloudEvent } from '@portico/contracts';
import { Client } from 'pg';
import { Messaging } from '@portico/messaging';
import {
  createTestSchema,
  releaseNamespace,
  spawnAppMain,
  TEST_NATS_NAMESPACE,
  TestClient,
  waitFor,
  type TestSchema,
} from '@portico/testing';

const ADMIN_KEY = 'pk_test_durability_admin_0123456789';
const MESSAGES = 1000;
const NATS_URL = 'nats://127.0.0.1:4222';

/**
 * At least once, for real: the dispatcher runs as its own process (main.ts, as in production), is
 * killed with SIGKILL while 1,000 events are being published and delivered, and is started again.
 * Every event must reach the receiver at least once.
 */
describe('webhook dispatcher durability (kill -9)', () => {
  let db: TestSchema;
  let messaging: Messaging;
  let server: http.Server;
  let receiverUrl: string;
  const received = new Map<string, number>();
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestSchema('webhooks');
    messaging = await Messaging.connect({
      url: NATS_URL,
      name: 'durability-test',
      namespace: TEST_NATS_NAMESPACE,
    });
    await messaging.ensureStreams();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { n: number } };
        const key = String(body.data.n);
        received.set(key, (received.get(key) ?? 0) + 1);
        // A receiver that takes a few milliseconds keeps deliveries in flight when the kill lands.
        setTimeout(() => res.writeHead(200).end('ok'), 3);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await messaging.close();
    await releaseNamespace(TEST_NATS_NAMESPACE, NATS_URL);
    await db.drop();
  });

  let output = '';
  /** On a timeout, what the dispatcher said says why. */
  const explained = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      const pg = new Client({ connectionString: db.databaseUrl });
      await pg.connect();
      const { rows } = await pg.query(
        `SELECT status, lease_owner IS NOT NULL AS leased, count(*)::int AS n,
           (SELECT count(*)::int FROM "${db.schema}".webhook_messages) AS messages
         FROM "${db.schema}".webhook_deliveries GROUP BY 1, 2`,
      );
      const attempts = await pg.query(
        `SELECT status, error, count(*)::int AS n FROM "${db.schema}".webhook_attempts GROUP BY 1, 2`,
      );
      rows.push(...attempts.rows);
      await pg.end();
      throw new Error(
        `${(err as Error).message}\n--- deliveries: ${JSON.stringify(rows)}\n--- dispatcher output ---\n${output.slice(-1500)}`,
        { cause: err },
      );
    }
  };

  const start = async (): Promise<{ proc: ChildProcess; url: string }> => {
    const proc = spawnAppMain('webhook-dispatcher', {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      NATS_URL,
      PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
      // Leases and unacknowledged events come back quickly, so the test needs no long waits.
      WEBHOOK_LEASE_MARGIN_SECONDS: '2',
      // A loaded CI machine may time a few attempts out; that must not park the rest for a minute.
      WEBHOOK_BREAKER_FAILURES: '1000',
      WEBHOOK_CONSUMER_ACK_WAIT_MS: '2000',
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    let out = '';
    const collect = (d: Buffer) => {
      out += d.toString();
      output += d.toString();
    };
    proc.stdout!.on('data', collect);
    proc.stderr!.on('data', collect);
    const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1], {
      timeoutMs: 30_000,
      what: `the dispatcher to listen (output: ${out.slice(-500)})`,
    });
    const client = new TestClient(url);
    await waitFor(async () => (await client.get('/health/ready')).status === 200, {
      timeoutMs: 20_000,
      what: 'the dispatcher to be ready',
    });
    return { proc, url };
  };

  it('delivers every message at least once across a SIGKILL and a restart', async () => {
    const first = await start();
    child = first.proc;
    const api = new TestClient(first.url, { 'x-api-key': ADMIN_KEY });
    const ep = await api.post('/api/v1/webhooks/endpoints', {
      url: `${receiverUrl}/hook`,
      eventTypes: ['consumer.*'],
      timeoutSeconds: 5,
    });
    expect(ep.status).toBe(201);

    const publishing = (async () => {
      for (let i = 0; i < MESSAGES; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            messaging.publishEvent(
              createCloudEvent({
                source: 'consumer-management',
                type: 'consumer.approved',
                tenantId: 'ten_default',
                data: { consumerId: 'con_x', name: 'n', n: i + j },
              }),
            ),
          ),
        );
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await explained(
      waitFor(() => received.size >= 150, { timeoutMs: 30_000, what: 'first deliveries' }),
    );
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atKill = received.size;
    await publishing;
    expect(atKill).toBeLessThan(MESSAGES);

    const second = await start();
    child = second.proc;
    await explained(
      waitFor(() => received.size === MESSAGES, {
        timeoutMs: 60_000,
        what: `all ${MESSAGES} messages`,
      }),
    );
    const duplicates = [...received.values()].reduce((a, n) => a + n - 1, 0);
    process.stdout.write(
      `durability: ${atKill} delivered before SIGKILL, all ${MESSAGES} after restart, ${duplicates} redelivered\n`,
    );
    for (let n = 0; n < MESSAGES; n++) expect(received.get(String(n))).toBeGreaterThanOrEqual(1);

    child.kill('SIGTERM');
    expect(await new Promise((r) => child!.once('exit', r))).toBe(0);
  }, 120_000);
});
