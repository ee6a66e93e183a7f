import {
  LeastConnectionsBalancer,
  RoundRobinBalancer,
  WeightedBalancer,
  createBalancer,
  type Balanceable,
} from './balancers';

interface Item extends Balanceable {
  name: string;
}
const item = (name: string, weight = 1, inFlight = 0): Item => ({
  name,
  weight,
  inFlight,
  currentWeight: 0,
});
const all = (_i: Item): boolean => true;

function picks(
  balancer: { pick(i: Item[], u: (i: Item) => boolean): Item | null },
  items: Item[],
  n: number,
  usable = all,
) {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(balancer.pick(items, usable)?.name ?? '-');
  return out;
}

describe('RoundRobinBalancer', () => {
  it('cycles through the items in order', () => {
    expect(picks(new RoundRobinBalancer<Item>(), [item('a'), item('b'), item('c')], 7)).toEqual([
      'a',
      'b',
      'c',
      'a',
      'b',
      'c',
      'a',
    ]);
  });

  it('skips unusable items without losing its place, and gives null when none is usable', () => {
    const items = [item('a'), item('b'), item('c')];
    const rr = new RoundRobinBalancer<Item>();
    expect(picks(rr, items, 4, (i) => i.name !== 'b')).toEqual(['a', 'c', 'a', 'c']);
    expect(rr.pick(items, () => false)).toBeNull();
    expect(rr.pick([], all)).toBeNull();
  });
});

describe('LeastConnectionsBalancer', () => {
  it('picks the item with the fewest requests in flight', () => {
    const items = [item('a', 1, 3), item('b', 1, 1), item('c', 1, 2)];
    expect(picks(new LeastConnectionsBalancer<Item>(), items, 3)).toEqual(['b', 'b', 'b']);
  });

  it('spreads ties instead of always taking the first', () => {
    const items = [item('a'), item('b'), item('c')];
    const counts = new Map<string, number>();
    for (const name of picks(new LeastConnectionsBalancer<Item>(), items, 300))
      counts.set(name, (counts.get(name) ?? 0) + 1);
    expect([...counts.values()]).toEqual([100, 100, 100]);
  });

  it('follows load as it changes and ignores unusable items', () => {
    const items = [item('a'), item('b')];
    const lc = new LeastConnectionsBalancer<Item>();
    for (let i = 0; i < 10; i++) {
      const picked = lc.pick(items, all);
      if (picked) picked.inFlight++; // nothing finishes: load must stay balanced
    }
    expect(items.map((i) => i.inFlight)).toEqual([5, 5]);
    items[0].inFlight = 0;
    expect(lc.pick(items, (i) => i.name !== 'a')?.name).toBe('b');
  });
});

describe('WeightedBalancer (smooth weighted round-robin)', () => {
  it('gives each item its share, interleaved as nginx does', () => {
    const items = [item('a', 5), item('b', 1), item('c', 1)];
    expect(picks(new WeightedBalancer<Item>(), items, 7)).toEqual([
      'a',
      'a',
      'b',
      'a',
      'c',
      'a',
      'a',
    ]);
  });

  it('keeps the proportions over many picks', () => {
    const items = [item('a', 3), item('b', 2), item('c', 1)];
    const counts: Record<string, number> = {};
    for (const name of picks(new WeightedBalancer<Item>(), items, 600))
      counts[name] = (counts[name] ?? 0) + 1;
    expect(counts).toEqual({ a: 300, b: 200, c: 100 });
  });

  it('shares among the usable items only', () => {
    const items = [item('a', 3), item('b', 1), item('c', 100)];
    const counts: Record<string, number> = {};
    for (const name of picks(new WeightedBalancer<Item>(), items, 400, (i) => i.name !== 'c'))
      counts[name] = (counts[name] ?? 0) + 1;
    expect(counts).toEqual({ a: 300, b: 100 });
  });
});

describe('createBalancer', () => {
  it('maps each strategy name to its balancer', () => {
    expect(createBalancer('round-robin')).toBeInstanceOf(RoundRobinBalancer);
    expect(createBalancer('least-connections')).toBeInstanceOf(LeastConnectionsBalancer);
    expect(createBalancer('weighted')).toBeInstanceOf(WeightedBalancer);
  });
});
