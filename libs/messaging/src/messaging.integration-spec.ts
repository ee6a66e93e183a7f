import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  createCloudEvent,
  ErrorCode,
  eventSubject,
  PorticoError,
  Streams,
  type CloudEvent,
} from '@portico/contracts';
import { Messaging } from './messaging';
import {
  countStreamMessages,
  deferred,
  NATS_URL,
  purgeStreamSubjects,
  uniqueSuffix,
  waitFor,
} from './test-support/nats';
import { TcpProxy } from './test-support/tcp-proxy';

const suffix = uniqueSuffix();
const typePrefix = `test.${suffix}`;
const subjectFilter = eventSubject(`${typePrefix}.>`);

function event(name: string, data: unknown = {}, revision?: number): CloudEvent {
  return createCloudEvent({
    source: 'messaging-spec',
    type: `${typePrefix}.${name}`,
    tenantId: 'ten_test',
    data,
    ...(revision === undefined ? {} : { revision }),
  });
}

describe('Messaging (real NATS)', () => {
  let m: Messaging;

  beforeAll(async () => {
    m = await Messaging.connect({ url: NATS_URL, name: `messaging-spec-${suffix}` });
    await m.ensureStreams();
  });

  afterAll(async () => {
    await purgeStreamSubjects(m, subjectFilter).catch(() => undefined);
    await m.close();
  });

  describe('ensureStreams', () => {
    it('provisions both Portico streams, file-backed with their duplicate windows, idempotently', async () => {
      await m.ensureStreams();
      await m.ensureStreams();
      const jsm = await jetstreamManager(m.nc);
      for (const def of [Streams.events, Streams.traffic]) {
        const { config } = await jsm.streams.info(def.name);
        expect(config.subjects).toEqual(expect.arrayContaining([...def.subjects]));
        expect(config.storage).toBe(StorageType.File);
        expect(config.duplicate_window).toBe(nanos(def.duplicateWindowMs));
      }
    });

    it('updates an existing stream: new duplicate window, subjects merged rather than replaced', async () => {
      const name = `TEST_ENSURE_${suffix}`;
      const jsm = await jetstreamManager(m.nc);
      try {
        await m.ensureStreams([
          { name, subjects: [`ensure.${suffix}.a.>`], duplicateWindowMs: 60_000 },
        ]);
        await m.ensureStreams([
          { name, subjects: [`ensure.${suffix}.b.>`], duplicateWindowMs: 30_000 },
        ]);
        const { config } = await jsm.streams.info(name);
        expect(config.subjects).toEqual([`ensure.${suffix}.a.>`, `ensure.${suffix}.b.>`]);
        expect(config.duplicate_window).toBe(nanos(30_000));
      } finally {
        await jsm.streams.delete(name).catch(() => undefined);
      }
    });

    it('survives concurrent callers racing to create the same stream', async () => {
      const name = `TEST_RACE_${suffix}`;
      const def = { name, subjects: [`race.${suffix}.>`], duplicateWindowMs: 60_000 };
      const others = await Promise.all(
        [1, 2].map(() => Messaging.connect({ url: NATS_URL, name: 'race' })),
      );
      try {
        await Promise.all([m, ...others].map((x) => x.ensureStreams([def])));
        const jsm = await jetstreamManager(m.nc);
        expect((await jsm.streams.info(name)).config.subjects).toEqual(def.subjects);
      } finally {
        await (await jetstreamManager(m.nc)).streams.delete(name).catch(() => undefined);
        await Promise.all(others.map((o) => o.close()));
      }
    });
  });

  describe('publishing', () => {
    it('publishEvent stores the event once in PORTICO_EVENTS on portico.events.<type>', async () => {
      const e = event('published', { n: 1 });
      await m.publishEvent(e);
      const subject = eventSubject(e.type);
      expect(await countStreamMessages(m, subject)).toBe(1);
      const jsm = await jetstreamManager(m.nc);
      const stored = await jsm.streams.getMessage(Streams.events.name, { last_by_subj: subject });
      expect(stored?.json()).toEqual(e);
      expect(stored?.header.get('Nats-Msg-Id')).toBe(e.id);
    });

    it('dedupes a second publish with the same id: duplicate flag, still one message', async () => {
      const e = event('twice');
      await m.publishEvent(e);
      await m.publishEvent(e); // the relay's crash-and-republish path: no error
      const again = await m.publishJson(eventSubject(e.type), e, { msgId: e.id });
      expect(again.duplicate).toBe(true);
      expect(await countStreamMessages(m, eventSubject(e.type))).toBe(1);
    });

    it('publishJson returns the stream sequence of a new message', async () => {
      const subject = eventSubject(`${typePrefix}.json`);
      const first = await m.publishJson(subject, { a: 1 });
      const second = await m.publishJson(subject, { a: 2 });
      expect(first.duplicate).toBe(false);
      expect(second.seq).toBeGreaterThan(first.seq);
    });

    it('fails with SERVICE_UNAVAILABLE when no stream takes the subject', async () => {
      const err = await m
        .publishJson(`nostream.${suffix}`, {}, { timeoutMs: 1000 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PorticoError);
      expect((err as PorticoError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    });
  });

  describe('subscribeEvents', () => {
    it('delivers new matching events in order and nothing else', async () => {
      const seen: CloudEvent[] = [];
      const sub = m.subscribeEvents(`${typePrefix}.sub.>`, (e) => {
        seen.push(e);
      });
      await sub.ready;
      const events = [1, 2, 3, 4, 5].map((rev) => event('sub.changed', { rev }, rev));
      await m.publishEvent(event('other')); // outside the filter
      for (const e of events) await m.publishEvent(e);
      await waitFor(() => seen.length >= events.length, { what: 'five events' });
      await sub.stop();
      expect(seen.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5]);
      expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it("with deliverFrom 'all' replays earlier events first; a failing handler does not stop delivery", async () => {
      const earlier = event('replay.created', { i: 0 });
      await m.publishEvent(earlier);
      const seen: string[] = [];
      const sub = m.subscribeEvents(
        `${typePrefix}.replay.>`,
        (e) => {
          seen.push(e.id);
          if (e.id === earlier.id) throw new Error('handler bug');
        },
        { deliverFrom: 'all' },
      );
      await sub.ready;
      const later = event('replay.updated', { i: 1 });
      await m.publishEvent(later);
      await waitFor(() => seen.length >= 2, { what: 'two events' });
      await sub.stop();
      expect(seen).toEqual([earlier.id, later.id]);
    });

    it('stop() waits for the handler in progress', async () => {
      const started = deferred();
      let finished = false;
      const sub = m.subscribeEvents(`${typePrefix}.slow.>`, async () => {
        started.resolve();
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      });
      await sub.ready;
      await m.publishEvent(event('slow.one'));
      await started.promise;
      await sub.stop();
      expect(finished).toBe(true);
    });
  });

  describe('status and shutdown', () => {
    it('goes connected -> closed on close()', async () => {
      const x = await Messaging.connect({ url: NATS_URL, name: 'status-spec' });
      expect(x.status()).toBe('connected');
      await x.close();
      expect(x.status()).toBe('closed');
      await x.close(); // idempotent
    });

    it('drain() stops subscriptions and closes the connection', async () => {
      const x = await Messaging.connect({ url: NATS_URL, name: 'drain-spec' });
      const sub = x.subscribeEvents(`${typePrefix}.drain.>`, () => undefined);
      await sub.ready;
      x.handle(`test.${suffix}.drain.rpc`, async () => 'ok');
      await x.drain();
      expect(x.status()).toBe('closed');
      await sub.stop(); // harmless after drain
    });

    it('reports reconnecting while the connection is cut and connected once it is back', async () => {
      const proxy = await TcpProxy.start('127.0.0.1', Number(new URL(NATS_URL).port || 4222));
      const x = await Messaging.connect({
        url: `nats://127.0.0.1:${proxy.port}`,
        name: 'reconnect-spec',
      });
      try {
        expect(x.status()).toBe('connected');
        proxy.cut();
        await waitFor(() => x.status() === 'reconnecting', { what: 'reconnecting' });
        proxy.up();
        await waitFor(() => x.status() === 'connected', {
          what: 'connected again',
          timeoutMs: 15_000,
        });
        await x.publishEvent(event('after.reconnect'));
      } finally {
        await x.close();
        await proxy.close();
      }
    });
  });

  it('connect fails with a clear message and no credentials', async () => {
    await expect(
      Messaging.connect({
        url: 'nats://user:secret@127.0.0.1:1',
        name: 'nope',
        maxReconnectAttempts: 0,
      }),
    ).rejects.toThrow(/Could not connect to NATS at nats:\/\/127\.0\.0\.1:1(?!.*secret)/);
  });
});
