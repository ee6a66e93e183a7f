import { createCloudEvent, eventSubject, type CloudEvent } from '@portico/contracts';
import { Messaging } from './messaging';
import { OUTBOX_TABLE, writeOutboxEvent } from './outbox';
import { OutboxRelay } from './outbox-relay';
import {
  countStreamMessages,
  deferred,
  NATS_URL,
  purgeStreamSubjects,
  readStreamMessages,
  uniqueSuffix,
  waitFor,
} from './test-support/nats';
import { createTestSchema, type TestSchema } from './test-support/pg';

const suffix = uniqueSuffix();
const typePrefix = `test.${suffix}`;

/** A relay that "crashes" after its PubAcks and before marking the rows (the transaction aborts). */
class CrashingRelay extends OutboxRelay {
  protected override async beforeMark(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) throw new Error('simulated crash');
  }
}

interface Row {
  id: string;
  published_at: Date | null;
  attempts: number;
  last_error: string | null;
}

describe('transactional outbox (real Postgres and NATS)', () => {
  let m: Messaging;
  let pg: TestSchema;
  let n = 0;
  let type: string;

  beforeAll(async () => {
    m = await Messaging.connect({ url: NATS_URL, name: `outbox-spec-${suffix}` });
    await m.ensureStreams();
    pg = await createTestSchema(`messaging_outbox_${suffix}`);
  });

  beforeEach(async () => {
    n++;
    type = `${typePrefix}.case${n}`;
    // Each case starts from an empty outbox; rows of earlier cases must not leak into counts.
    await pg.db.$executeRawUnsafe(`DELETE FROM ${OUTBOX_TABLE}`);
  });

  afterAll(async () => {
    await purgeStreamSubjects(m, eventSubject(`${typePrefix}.>`)).catch(() => undefined);
    await pg?.drop();
    await m.close();
  });

  const newEvent = (revision: number, t = type): CloudEvent =>
    createCloudEvent({
      source: 'outbox-spec',
      type: t,
      tenantId: 'ten_test',
      data: { revision },
      revision,
    });

  const stored = (t = type) => countStreamMessages(m, eventSubject(t));

  const rows = () =>
    pg.db.$queryRawUnsafe<Row[]>(
      `SELECT id, published_at, attempts, last_error FROM ${OUTBOX_TABLE} ORDER BY id`,
    );

  async function commit(...events: CloudEvent[]): Promise<void> {
    await pg.db.$transaction(async (tx) => {
      for (const e of events) await writeOutboxEvent(tx, e);
    });
  }

  /** Revisions of the events on `t`, in stream order. */
  async function streamRevisions(t = type): Promise<number[]> {
    const msgs = await readStreamMessages(m, eventSubject(t));
    return msgs.map((msg) => msg.json<CloudEvent>().revision!);
  }

  it('never publishes an event written in a rolled-back transaction', async () => {
    await expect(
      pg.db.$transaction(async (tx) => {
        await writeOutboxEvent(tx, newEvent(1));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const relay = new OutboxRelay({ db: pg.db, messaging: m });
    expect(await relay.flush()).toBe(0);
    expect(await rows()).toEqual([]);
    expect(await stored()).toBe(0);
  });

  it('publishes a committed event exactly once and marks it; flush() returns the counts', async () => {
    const e = newEvent(1);
    await commit(e);
    const relay = new OutboxRelay({ db: pg.db, messaging: m });
    expect(await relay.flush()).toBe(1);
    expect(await relay.flush()).toBe(0);
    expect(await stored()).toBe(1);
    const [row] = await rows();
    expect(row).toMatchObject({ id: e.id, attempts: 0, last_error: null });
    expect(row!.published_at).toBeInstanceOf(Date);
  });

  it('stores each event once when a relay crashes after publishing and a fresh one republishes', async () => {
    const events = [newEvent(1), newEvent(2), newEvent(3)];
    await commit(...events);
    const crashing = new CrashingRelay({ db: pg.db, messaging: m });
    await expect(crashing.flush()).rejects.toThrow('simulated crash');
    expect(await stored()).toBe(3); // published...
    expect((await rows()).every((r) => r.published_at === null)).toBe(true); // ...but not marked

    const fresh = new OutboxRelay({ db: pg.db, messaging: m });
    expect(await fresh.flush()).toBe(3); // republished: JetStream drops them as duplicates
    expect(await stored()).toBe(3);
    expect(await streamRevisions()).toEqual([1, 2, 3]);
    expect((await rows()).every((r) => r.published_at !== null)).toBe(true);
  });

  it('preserves order across batches and transactions', async () => {
    const events = Array.from({ length: 25 }, (_, i) => newEvent(i + 1));
    for (let i = 0; i < events.length; i += 5) await commit(...events.slice(i, i + 5));
    const relay = new OutboxRelay({ db: pg.db, messaging: m, batchSize: 7 });
    expect(await relay.flush()).toBe(25);
    expect(await streamRevisions()).toEqual(events.map((e) => e.revision));
  });

  it('never lets two relays publish the same rows, and keeps order between them', async () => {
    const events = Array.from({ length: 40 }, (_, i) => newEvent(i + 1));
    await commit(...events);
    const relays = [1, 2, 3].map(() => new OutboxRelay({ db: pg.db, messaging: m, batchSize: 5 }));
    const counts = await Promise.all(relays.map((r) => r.flush()));
    const leftover = await new OutboxRelay({ db: pg.db, messaging: m }).flush();
    // Every publish is counted: a row published twice would push the sum above 40.
    expect(counts.reduce((a, b) => a + b, 0) + leftover).toBe(40);
    expect(await streamRevisions()).toEqual(events.map((e) => e.revision));
  });

  it('records a failed publish, keeps later rows back, and goes on once it succeeds', async () => {
    const first = newEvent(1);
    const second = newEvent(2);
    await commit(first, second);
    // Point the first row at a subject no stream takes, as if JetStream refused it.
    await pg.db.$executeRawUnsafe(
      `UPDATE ${OUTBOX_TABLE} SET subject = $1 WHERE id = $2`,
      `nostream.${suffix}`,
      first.id,
    );
    const relay = new OutboxRelay({ db: pg.db, messaging: m });
    await expect(relay.flush()).rejects.toThrow(/nostream/);
    const [failed, held] = await rows();
    expect(failed).toMatchObject({ id: first.id, published_at: null, attempts: 1 });
    expect(failed!.last_error).toContain('nostream');
    expect(held).toMatchObject({ id: second.id, published_at: null, attempts: 0 });
    expect(await stored()).toBe(0);

    await pg.db.$executeRawUnsafe(
      `UPDATE ${OUTBOX_TABLE} SET subject = $1 WHERE id = $2`,
      eventSubject(type),
      first.id,
    );
    expect(await relay.flush()).toBe(2);
    expect(await streamRevisions()).toEqual([1, 2]);
  });

  it('publishes in the background: notify() wakes it, polling picks up rows from elsewhere', async () => {
    await commit(newEvent(1));
    const relay = new OutboxRelay({ db: pg.db, messaging: m, pollIntervalMs: 60_000 });
    relay.start();
    try {
      await waitFor(async () => (await stored()) === 1, { what: 'first round' }); // now asleep for a minute
      await commit(newEvent(2));
      relay.notify();
      await waitFor(async () => (await stored()) === 2, {
        what: 'notified publish',
        timeoutMs: 5000,
      });
    } finally {
      await relay.stop();
    }

    const polling = new OutboxRelay({ db: pg.db, messaging: m, pollIntervalMs: 50 });
    polling.start();
    try {
      await commit(newEvent(3)); // no notify: another process wrote it
      await waitFor(async () => (await stored()) === 3, {
        what: 'polled publish',
        timeoutMs: 5000,
      });
    } finally {
      await polling.stop();
    }
    expect(await streamRevisions()).toEqual([1, 2, 3]);
  });

  it('deletes published rows older than the retention period', async () => {
    const old = newEvent(1);
    const recent = newEvent(2);
    await commit(old, recent);
    await new OutboxRelay({ db: pg.db, messaging: m }).flush();
    await pg.db.$executeRawUnsafe(
      `UPDATE ${OUTBOX_TABLE} SET published_at = now() - interval '8 days' WHERE id = $1`,
      old.id,
    );
    const relay = new OutboxRelay({
      db: pg.db,
      messaging: m,
      retentionDays: 7,
      pollIntervalMs: 60_000,
    });
    relay.start();
    try {
      await waitFor(async () => (await rows()).length === 1, { what: 'cleanup' });
    } finally {
      await relay.stop();
    }
    expect((await rows()).map((r) => r.id)).toEqual([recent.id]);
  });

  it('stop() waits for the batch in progress, which ends published and marked', async () => {
    await commit(...Array.from({ length: 10 }, (_, i) => newEvent(i + 1)));
    const inBatch = deferred();
    const release = deferred();
    class GatedRelay extends OutboxRelay {
      protected override async beforeMark(): Promise<void> {
        inBatch.resolve();
        await release.promise;
      }
    }
    const relay = new GatedRelay({ db: pg.db, messaging: m, pollIntervalMs: 60_000 });
    relay.start();
    await inBatch.promise;
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(await stored()).toBe(10);
    expect((await rows()).every((r) => r.published_at !== null)).toBe(true);
  });
});
