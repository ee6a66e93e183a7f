import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  countStreamMessages,
  purgeStreamSubjects,
  readStreamMessages,
  uniqueSuffix,
} from './stream-helpers';

describe('NATS stream helpers (real NATS)', () => {
  const suffix = uniqueSuffix();
  const stream = `TEST_HELPERS_${suffix}`;
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`helpers.${suffix}.>`] });
  });

  afterAll(async () => {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('counts, reads in order and purges a subject filter', async () => {
    const js = (await jetstreamManager(nc)).jetstream();
    for (const i of [1, 2, 3]) await js.publish(`helpers.${suffix}.a`, JSON.stringify({ i }));
    await js.publish(`helpers.${suffix}.b`, '{}');
    const conn = { nc };
    expect(await countStreamMessages(conn, `helpers.${suffix}.a`, stream)).toBe(3);
    expect(await countStreamMessages(conn, `helpers.${suffix}.>`, stream)).toBe(4);
    const msgs = await readStreamMessages(conn, `helpers.${suffix}.a`, stream);
    expect(msgs.map((m) => m.json<{ i: number }>().i)).toEqual([1, 2, 3]);
    await purgeStreamSubjects(conn, `helpers.${suffix}.a`, stream);
    expect(await countStreamMessages(conn, `helpers.${suffix}.>`, stream)).toBe(1);
  });

  it('makes unique, name-safe suffixes', () => {
    const a = uniqueSuffix();
    expect(a).toMatch(/^[a-z0-9]+$/);
    expect(uniqueSuffix()).not.toBe(a);
  });
});
