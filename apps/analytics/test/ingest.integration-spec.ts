import { waitFor } from '@portico/testing';
import { MessagingService } from '@portico/platform';
import { type Analytics, requestEvent, scalar, startAnalytics, TrafficPublisher } from './support';

describe('ingest (real JetStream and PostgreSQL)', () => {
  let publisher: TrafficPublisher;

  beforeAll(async () => {
    publisher = await TrafficPublisher.start();
  });
  afterAll(async () => {
    await publisher.stop();
  });

  async function totals(a: Analytics) {
    return {
      raw: await scalar(a.sql, 'SELECT count(*) FROM raw_events'),
      minute: await scalar(a.sql, 'SELECT coalesce(sum(count), 0) FROM rollup_minute'),
      usage: await scalar(a.sql, 'SELECT coalesce(sum(requests), 0) FROM consumer_usage'),
    };
  }

  it('stores N published events exactly once, even when batches are published twice', async () => {
    const a = await startAnalytics();
    try {
      const events = Array.from({ length: 1200 }, (_, i) =>
        requestEvent({
          consumerId: `con_${i % 7}`,
          status: i % 10 === 0 ? 503 : 200,
          latencyMs: 5 + (i % 50),
        }),
      );
      await publisher.publish(events, 100);
      // A gateway replaying part of its spill file: the same events in new messages.
      await publisher.publish(events.slice(300, 700), 50);
      await waitFor(async () => (await totals(a)).minute === 1200, {
        timeoutMs: 20_000,
        what: '1200 events',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await totals(a)).toEqual({ raw: 1200, minute: 1200, usage: 1200 });
      expect(await scalar(a.sql, 'SELECT coalesce(sum(errors), 0) FROM rollup_minute')).toBe(120);
      expect(await scalar(a.sql, 'SELECT coalesce(sum(count), 0) FROM error_minute')).toBe(120);
    } finally {
      await a.close();
      await a.db.drop();
    }
  });

  it('killed before commit and restarted, it still counts every event exactly once', async () => {
    let reached!: (pid: number) => void;
    let release!: (err: Error) => void;
    const atFailpoint = new Promise<number>((r) => (reached = r));
    const first = await startAnalytics({
      env: {
        ANALYTICS_INGEST_ACK_WAIT_MS: '2000',
        ANALYTICS_INGEST_BATCH_SIZE: '5',
        ANALYTICS_INGEST_CONCURRENCY: '1',
      },
      hooks: {
        // The process "dies" inside the transaction, after its writes and before COMMIT.
        beforeCommit: async ({ backendPid }) => {
          reached(backendPid);
          await new Promise((_, reject) => (release = reject));
        },
      },
    });
    const events = Array.from({ length: 1000 }, (_, i) =>
      requestEvent({ consumerId: `con_${i % 3}` }),
    );
    await publisher.publish(events, 20);
    const pid = await atFailpoint;
    // Abrupt: the NATS connection drops without acks and the transaction's connection is killed,
    // which rolls it back on the server.
    await first.get(MessagingService).get().close();
    await first.sql.query('SELECT pg_terminate_backend($1)', [pid]);
    release(new Error('killed'));
    expect(await scalar(first.sql, 'SELECT count(*) FROM raw_events')).toBe(0);
    const second = await startAnalytics({
      db: first.db,
      env: { ANALYTICS_INGEST_BATCH_SIZE: '5', ANALYTICS_INGEST_ACK_WAIT_MS: '2000' },
    });
    // Closed after the second started: the last app of a test namespace takes its streams along.
    await first.close();
    try {
      await waitFor(async () => (await totals(second)).minute === 1000, {
        timeoutMs: 30_000,
        what: '1000 events',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await totals(second)).toEqual({ raw: 1000, minute: 1000, usage: 1000 });
    } finally {
      await second.close();
      await second.db.drop();
    }
  });
});
