import { jetstreamManager } from '@nats-io/jetstream';
import type { DurableMessage } from './durable-consumer';
import { Messaging } from './messaging';
import { deferred, NATS_URL, uniqueSuffix, waitFor } from './test-support/nats';
import { TcpProxy } from './test-support/tcp-proxy';

const suffix = uniqueSuffix();
const STREAM = `TEST_DURABLE_${suffix}`;
const base = `durable.${suffix}`;

describe('consumeDurable (real NATS)', () => {
  let m: Messaging;
  let topic = 0;
  let subject: string;
  let durable: string;

  beforeAll(async () => {
    m = await Messaging.connect({ url: NATS_URL, name: `durable-spec-${suffix}` });
    await m.ensureStreams([{ name: STREAM, subjects: [`${base}.>`], duplicateWindowMs: 60_000 }]);
  });

  beforeEach(() => {
    topic++;
    subject = `${base}.t${topic}`;
    durable = `spec_${suffix}_${topic}`;
  });

  afterAll(async () => {
    await (await jetstreamManager(m.nc)).streams.delete(STREAM).catch(() => undefined);
    await m.close();
  });

  async function publish(from: number, to: number): Promise<void> {
    for (let i = from; i <= to; i++)
      await m.publishJson(subject, { i }, { msgId: `${subject}-${i}` });
  }

  async function consumerState() {
    const ci = await (await jetstreamManager(m.nc)).consumers.info(STREAM, durable);
    return {
      ackPending: ci.num_ack_pending,
      pending: ci.num_pending,
      redelivered: ci.num_redelivered,
      ackFloor: ci.ack_floor.stream_seq,
    };
  }

  it('hands every message to the handler once, in batches, and acks all of them', async () => {
    await publish(1, 25);
    const batches: number[][] = [];
    const c = m.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      batchSize: 10,
      handler: async (batch) => {
        batches.push(batch.map((msg) => msg.json<{ i: number }>().i));
      },
    });
    await waitFor(() => batches.flat().length >= 25, { what: '25 messages' });
    await c.stop();
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, k) => k + 1));
    expect(batches[0]).toHaveLength(10); // what was pending, capped at batchSize
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    expect(await consumerState()).toEqual({
      ackPending: 0,
      pending: 0,
      redelivered: 0,
      ackFloor: expect.any(Number),
    });
  });

  it('naks a failed batch; the messages come back redelivered and are then acked', async () => {
    await publish(1, 3);
    const deliveries: DurableMessage[][] = [];
    const c = m.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      nakDelayMs: 100,
      handler: async (batch) => {
        deliveries.push(batch);
        if (batch.some((msg) => !msg.redelivered)) throw new Error('first delivery fails');
      },
    });
    await waitFor(() => deliveries.flat().filter((msg) => msg.redelivered).length >= 3, {
      what: 'redelivery',
    });
    await waitFor(async () => (await consumerState()).ackPending === 0, { what: 'acks' });
    await c.stop();
    const first = deliveries.flat().filter((msg) => !msg.redelivered);
    const second = deliveries.flat().filter((msg) => msg.redelivered);
    expect(first.map((msg) => msg.seq)).toEqual(second.map((msg) => msg.seq));
    expect(second.every((msg) => msg.deliveryCount === 2)).toBe(true);
    expect(await consumerState()).toMatchObject({ ackPending: 0, pending: 0 });
  });

  it('gives a message up after maxDeliver failed deliveries', async () => {
    await publish(1, 1);
    let calls = 0;
    const c = m.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      maxDeliver: 2,
      nakDelayMs: 50,
      handler: async () => {
        calls++;
        throw new Error('always fails');
      },
    });
    await waitFor(() => calls >= 2, { what: 'two deliveries' });
    await waitFor(async () => (await consumerState()).ackPending === 0, { what: 'term' });
    await c.stop();
    expect(calls).toBe(2);
    expect(await consumerState()).toMatchObject({ ackPending: 0, pending: 0 });
  });

  it('keeps its position across stop and restart (durable)', async () => {
    await publish(1, 5);
    const seen: number[] = [];
    const handler = async (batch: DurableMessage[]) => {
      seen.push(...batch.map((msg) => msg.json<{ i: number }>().i));
    };
    const opts = { stream: STREAM, durable, filterSubjects: [subject], handler };
    const first = m.consumeDurable(opts);
    await waitFor(() => seen.length >= 5, { what: 'first five' });
    await first.stop();
    await publish(6, 8);
    const second = m.consumeDurable(opts);
    await waitFor(() => seen.length >= 8, { what: 'three more' });
    await second.stop();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('updates the settings of an existing durable when they change', async () => {
    const opts = {
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      handler: async () => undefined,
    };
    const jsm = await jetstreamManager(m.nc);
    const first = m.consumeDurable({ ...opts, ackWaitMs: 30_000 });
    await waitFor(() => jsm.consumers.info(STREAM, durable).catch(() => null), { what: 'durable' });
    await first.stop();
    const second = m.consumeDurable({ ...opts, ackWaitMs: 10_000, maxDeliver: 5 });
    await waitFor(
      async () => (await jsm.consumers.info(STREAM, durable)).config.ack_wait === 10_000 * 1e6,
      { what: 'updated ack_wait' },
    );
    await second.stop();
    expect((await jsm.consumers.info(STREAM, durable)).config.max_deliver).toBe(5);
  });

  it('stop() waits for the batch in progress and acks it', async () => {
    await publish(1, 2);
    const inHandler = deferred();
    const release = deferred();
    const c = m.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      handler: async () => {
        inHandler.resolve();
        await release.promise;
      },
    });
    await inHandler.promise;
    let stopped = false;
    const stopping = c.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(await consumerState()).toMatchObject({ ackPending: 0, pending: 0 });
  });

  it('passes subject, headers and delivery info through', async () => {
    await m.publishJson(subject, { hello: 'world' }, { msgId: `hdr-${suffix}` });
    const got = deferred<DurableMessage>();
    const c = m.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [`${subject}`],
      handler: async ([msg]) => got.resolve(msg!),
    });
    const msg = await got.promise;
    await c.stop();
    expect(msg.subject).toBe(subject);
    expect(msg.json()).toEqual({ hello: 'world' });
    expect(msg.headers['Nats-Msg-Id']).toBe(`hdr-${suffix}`);
    expect(msg).toMatchObject({ redelivered: false, deliveryCount: 1 });
  });

  it('carries on after the connection drops and comes back', async () => {
    const proxy = await TcpProxy.start('127.0.0.1', Number(new URL(NATS_URL).port || 4222));
    const viaProxy = await Messaging.connect({
      url: `nats://127.0.0.1:${proxy.port}`,
      name: `durable-reconnect-${suffix}`,
    });
    const seen: number[] = [];
    const c = viaProxy.consumeDurable({
      stream: STREAM,
      durable,
      filterSubjects: [subject],
      handler: async (batch) => {
        seen.push(...batch.map((msg) => msg.json<{ i: number }>().i));
      },
    });
    try {
      await publish(1, 3);
      await waitFor(() => seen.length >= 3, { what: 'before the cut' });
      proxy.cut();
      await waitFor(() => viaProxy.status() === 'reconnecting', { what: 'reconnecting' });
      await publish(4, 6); // through the direct connection while the consumer is cut off
      proxy.up();
      await waitFor(() => seen.length >= 6, { what: 'after the reconnect', timeoutMs: 20_000 });
      expect([...new Set(seen)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await c.stop();
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('refuses several filter subjects on a server that would ignore them', () => {
    if ((m.nc.info?.version ?? '').startsWith('2.9')) {
      expect(() =>
        m.consumeDurable({
          stream: STREAM,
          durable,
          filterSubjects: [`${base}.a`, `${base}.b`],
          handler: async () => undefined,
        }),
      ).toThrow(/2\.10/);
    }
  });
});
