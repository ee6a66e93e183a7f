import { backoffDelay, Wakeup } from './util';
import { atLeast } from './durable-consumer';
import { streamUpdate } from './streams';
import { nanos } from '@nats-io/transport-node';
import type { StreamConfig } from '@nats-io/jetstream';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});

describe('Wakeup', () => {
  it('resolves early when fired', async () => {
    const w = new Wakeup();
    const started = Date.now();
    const waiting = w.wait(60_000);
    w.fire();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('atLeast', () => {
  it('compares major.minor', () => {
    expect(atLeast('2.9.10', 2, 10)).toBe(false);
    expect(atLeast('2.10.0', 2, 10)).toBe(true);
    expect(atLeast('3.0.0', 2, 10)).toBe(true);
    expect(atLeast(undefined, 2, 10)).toBe(false);
  });
});

describe('streamUpdate', () => {
  const def = { name: 'S', subjects: ['a.>'], duplicateWindowMs: 60_000 };
  const config = (c: Partial<StreamConfig>) => ({ name: 'S', ...c }) as StreamConfig;

  it('asks for nothing when the stream matches', () => {
    expect(
      streamUpdate(config({ subjects: ['a.>'], duplicate_window: nanos(60_000) }), def),
    ).toBeNull();
  });

  it('adds missing subjects without dropping others and fixes the duplicate window', () => {
    expect(streamUpdate(config({ subjects: ['b.>'], duplicate_window: nanos(1000) }), def)).toEqual(
      {
        subjects: ['b.>', 'a.>'],
        duplicate_window: nanos(60_000),
      },
    );
  });
});
