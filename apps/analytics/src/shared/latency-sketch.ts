import { DDSketch } from '@datadog/sketches-js';

/**
 * Relative accuracy of the latency percentiles: a reported percentile is within 0.5% of the exact
 * value of the same rank (DDSketch's guarantee), which leaves room under the 1% we promise.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

/**
 * A mergeable latency sketch: DDSketch (@datadog/sketches-js) for the mapping, bins and quantiles;
 * our own compact serialisation of its bins, because the package's protobuf form is a dense ~2 KB
 * per sketch and slow to decode, and a rollup row holds one sketch.
 *
 * Serialised form: a sequence of records `varint(zigzag(key) + 1), varint(count)`, with `0` in
 * place of the key for the zero bin. Concatenating two serialised sketches is therefore a valid
 * serialisation of their merge (SQL `string_agg(sketch, '')` merges them), and decoding adds
 * records into one sketch. `encode()` writes each bin once (normalised).
 */
export class LatencySketch {
  private readonly sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });

  get count(): number {
    return this.sketch.count;
  }

  add(latencyMs: number, weight = 1): void {
    this.sketch.accept(latencyMs > 0 ? latencyMs : 0, weight);
  }

  /**
   * Adds every record of a serialised sketch (or of several concatenated ones). Counts are summed
   * per key in a scratch array first: a merged rollup holds the same keys many times over, and the
   * store's own add costs more than an array slot.
   */
  addEncoded(buf: Uint8Array): void {
    let i = 0;
    let added = 0;
    let zero = 0;
    let lo = SCRATCH_SIZE;
    let hi = -1;
    let outside: Map<number, number> | undefined;
    while (i < buf.length) {
      let key = 0;
      let mul = 1;
      let b: number;
      do {
        b = buf[i++]!;
        key += (b & 0x7f) * mul;
        mul *= 128;
      } while (b & 0x80 && i < buf.length);
      let count = 0;
      mul = 1;
      do {
        b = buf[i++]!;
        count += (b & 0x7f) * mul;
        mul *= 128;
      } while (b & 0x80 && i < buf.length);
      added += count;
      if (key === 0) {
        zero += count;
        continue;
      }
      const z = key - 1;
      const k = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      const slot = k + SCRATCH_OFFSET;
      if (slot >= 0 && slot < SCRATCH_SIZE) {
        SCRATCH[slot] += count;
        if (slot < lo) lo = slot;
        if (slot > hi) hi = slot;
      } else {
        outside ??= new Map();
        outside.set(k, (outside.get(k) ?? 0) + count);
      }
    }
    const store = this.sketch.store;
    for (let slot = lo; slot <= hi; slot++) {
      const c = SCRATCH[slot]!;
      if (c > 0) {
        store.add(slot - SCRATCH_OFFSET, c);
        SCRATCH[slot] = 0;
      }
    }
    outside?.forEach((c, k) => store.add(k, c));
    this.sketch.zeroCount += zero;
    this.sketch.count += added;
  }

  merge(other: LatencySketch): void {
    this.addEncoded(other.encode());
  }

  /** Value at quantile q (0..1) with rank q·(n−1), 0 when empty. */
  quantile(q: number): number {
    if (this.sketch.count === 0) return 0;
    return this.sketch.getValueAtQuantile(q);
  }

  encode(): Buffer {
    const out: number[] = [];
    if (this.sketch.zeroCount > 0) {
      out.push(0);
      pushVarint(out, this.sketch.zeroCount);
    }
    const { bins, offset } = this.sketch.store;
    for (let i = 0; i < bins.length; i++) {
      const c = bins[i]!;
      if (c <= 0) continue;
      const key = i + offset;
      pushVarint(out, (key >= 0 ? key * 2 : -key * 2 - 1) + 1);
      pushVarint(out, c);
    }
    return Buffer.from(out);
  }

  static decode(buf: Uint8Array): LatencySketch {
    const s = new LatencySketch();
    s.addEncoded(buf);
    return s;
  }
}

/** Keys of latencies from about 1e-9 ms to 1e9 ms land in the scratch array; others in a map. */
const SCRATCH_OFFSET = 4096;
const SCRATCH_SIZE = 8192;
const SCRATCH = new Float64Array(SCRATCH_SIZE);

function pushVarint(out: number[], value: number): void {
  let v = Math.round(value);
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}
