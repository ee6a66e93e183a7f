import { RecordCache } from './record-cache';

describe('RecordCache', () => {
  let now = 0;
  const make = (max?: number) => new RecordCache<string>(1000, max, () => now);

  it('serves entries until their TTL', () => {
    const c = make();
    c.set('a', 'A', c.generation);
    expect(c.get('a')).toBe('A');
    now += 1000;
    expect(c.get('a')).toBeUndefined();
  });

  it('drops a result read before a clear (no stale write-back)', () => {
    const c = make();
    const gen = c.generation;
    c.clear(); // a change committed while the read was in flight
    c.set('a', 'stale', gen);
    expect(c.get('a')).toBeUndefined();
    c.set('a', 'fresh', c.generation);
    expect(c.get('a')).toBe('fresh');
    c.clear();
    expect(c.get('a')).toBeUndefined();
  });

  it('remembers misses (null) apart from unknown ids (undefined)', () => {
    const c = new RecordCache<string | null>(1000, 10, () => now);
    c.set('gone', null, c.generation);
    expect(c.get('gone')).toBeNull();
    expect(c.get('never')).toBeUndefined();
  });

  it('stays bounded', () => {
    const c = make(10);
    for (let i = 0; i < 100; i++) c.set(String(i), 'x', c.generation);
    expect(c.size).toBe(10);
  });
});
