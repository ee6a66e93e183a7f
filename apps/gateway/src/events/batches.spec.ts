import { createHash } from 'node:crypto';
import { mkdtemp, readdir, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requestEvent } from '../../test/events-support';
import { batchMsgId, toBatches } from './batches';
import { SpillStore } from './spill-store';

describe('request event batches', () => {
  it('groups by tenant in order, a bounded number per batch, with content-derived ids', () => {
    const events = [0, 1, 2, 3, 4].map((i) => requestEvent(i, i % 2 ? 'ten_b' : 'ten_a'));
    const batches = toBatches(events, 2);
    expect(batches.map((b) => [b.tenantId, b.events.map((e) => e.requestId)])).toEqual([
      ['ten_a', ['req_ten_a_0', 'req_ten_a_2']],
      ['ten_a', ['req_ten_a_4']],
      ['ten_b', ['req_ten_b_1', 'req_ten_b_3']],
    ]);
    expect(toBatches(events, 2).map((b) => b.msgId)).toEqual(batches.map((b) => b.msgId));
    expect(new Set(batches.map((b) => b.msgId)).size).toBe(3);
    expect(batchMsgId('ten_a', [requestEvent(0)])).not.toBe(batchMsgId('ten_b', [requestEvent(0)]));
  });

  it('keeps the id format of earlier releases, so re-sent spilled batches still deduplicate', () => {
    const events = [requestEvent(0), requestEvent(1)];
    const h = createHash('sha256').update('ten_a');
    for (const e of events) h.update('\n').update(e.requestId).update(' ').update(e.time);
    expect(batchMsgId('ten_a', events)).toBe(`gwtraffic-${h.digest('base64url')}`);
  });
});

describe('SpillStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portico-spill-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends to segments that rotate by size and read back in order', async () => {
    const store = new SpillStore(dir, 1024, 1024 * 1024);
    expect(await store.init()).toBe(0);
    for (let i = 0; i < 6; i++)
      expect(await store.append(toBatches([requestEvent(i)], 10))).toBe(true);
    const segments = await store.closedSegments();
    expect(segments.length).toBeGreaterThan(1);
    const read = [];
    for (const s of segments) read.push(...(await store.read(s)));
    expect(read.map((b) => b.events[0]!.requestId)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `req_ten_a_${i}`),
    );
    for (const s of segments) await store.remove(s);
    expect(store.pending).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('finds leftover segments at start and skips a torn last line', async () => {
    const first = new SpillStore(dir, 1024 * 1024, 1024 * 1024);
    await first.init();
    await first.append(toBatches([requestEvent(1), requestEvent(2)], 1));
    await first.close();
    const [name] = await readdir(dir);
    await appendFile(path.join(dir, name!), '{"tenantId":"ten_a","msgId":"x","eve');

    const second = new SpillStore(dir, 1024 * 1024, 1024 * 1024);
    expect(await second.init()).toBe(1);
    const batches = await second.read(name!);
    expect(batches.map((b) => b.events[0]!.requestId)).toEqual(['req_ten_a_1', 'req_ten_a_2']);
    await second.rewrite(name!, batches.slice(1));
    expect((await second.read(name!)).map((b) => b.msgId)).toEqual([batches[1]!.msgId]);
  });

  it('refuses appends past its byte bound', async () => {
    const store = new SpillStore(dir, 1024, 2048);
    await store.init();
    const many = toBatches(
      Array.from({ length: 20 }, (_, i) => requestEvent(i)),
      20,
    );
    expect(await store.append(many)).toBe(false);
    expect(await store.append(toBatches([requestEvent(1)], 1))).toBe(true);
  });
});
