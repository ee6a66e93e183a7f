import { LatencySketch, SKETCH_RELATIVE_ACCURACY } from './latency-sketch';

function exactAt(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function lognormal(n: number, seed = 7): number[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
    return Math.exp(4 + 1.2 * z);
  });
}

describe('LatencySketch', () => {
  it('answers percentiles within its relative accuracy of the exact values', () => {
    const values = lognormal(20_000);
    const s = new LatencySketch();
    values.forEach((v) => s.add(v));
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = exactAt(sorted, q);
      expect(Math.abs(s.quantile(q) - exact) / exact).toBeLessThanOrEqual(
        SKETCH_RELATIVE_ACCURACY + 1e-9,
      );
    }
  });

  it('round-trips through its serialised form, zero latencies included', () => {
    const s = new LatencySketch();
    [0, 0, 0.2, 3, 3, 3, 250, 9000, 61_000].forEach((v) => s.add(v));
    const back = LatencySketch.decode(s.encode());
    expect(back.count).toBe(9);
    expect(back.encode()).toEqual(s.encode());
    expect(back.quantile(0)).toBe(0);
    expect(back.quantile(1)).toBeCloseTo(61_000, -3);
  });

  it('merges by concatenation exactly as by adding the values to one sketch', () => {
    const a = lognormal(3000, 1);
    const b = lognormal(5000, 2);
    const sa = new LatencySketch();
    const sb = new LatencySketch();
    const all = new LatencySketch();
    a.forEach((v) => (sa.add(v), all.add(v)));
    b.forEach((v) => (sb.add(v), all.add(v)));
    const merged = LatencySketch.decode(Buffer.concat([sa.encode(), sb.encode()]));
    expect(merged.count).toBe(8000);
    expect(merged.encode()).toEqual(all.encode());
    const viaMerge = new LatencySketch();
    viaMerge.merge(sa);
    viaMerge.merge(sb);
    expect(viaMerge.encode()).toEqual(all.encode());
  });

  it('encodes large counts and is compact', () => {
    const s = new LatencySketch();
    s.add(12.5, 3_000_000_000);
    expect(LatencySketch.decode(s.encode()).count).toBe(3_000_000_000);
    const many = new LatencySketch();
    lognormal(1000).forEach((v) => many.add(v));
    expect(many.encode().length).toBeLessThan(2000);
  });

  it('is empty-safe', () => {
    const s = LatencySketch.decode(Buffer.alloc(0));
    expect(s.count).toBe(0);
    expect(s.quantile(0.95)).toBe(0);
    expect(s.encode().length).toBe(0);
  });
});
