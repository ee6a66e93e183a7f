/**
 * A map keyed by a tuple of strings and numbers, as nested Maps: the hot ingest loop looks up
 * several keys per event, and building a composite string key per lookup (then hashing it) costs
 * more than walking a few Maps with the event's own strings.
 */
export class KeyTree<V> {
  private readonly root = new Map<unknown, unknown>();
  private readonly leaves: V[] = [];

  /** The value at `key` (up to the caller to keep the tuple length fixed), created when missing. */
  getOrCreate(key: readonly unknown[], create: () => V): V {
    let node = this.root;
    const last = key.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(key[i]) as Map<unknown, unknown> | undefined;
      if (!next) node.set(key[i], (next = new Map()));
      node = next;
    }
    let v = node.get(key[last]) as V | undefined;
    if (v === undefined) {
      v = create();
      node.set(key[last], v);
      this.leaves.push(v);
    }
    return v;
  }

  /** Every value, in insertion order. */
  values(): V[] {
    return this.leaves;
  }
}
