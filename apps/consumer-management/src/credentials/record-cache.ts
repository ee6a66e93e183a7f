interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Credential records by id, so most verifications need no database round trip. Every change that
 * affects verification emits a `consumer.*` event; `clear()` runs on each one (and right after this
 * instance commits one), and a TTL bounds what a missed event could leave behind. A read that
 * started before a clear never stores its (possibly stale) result: see `generation`.
 */
export class RecordCache<T> {
  private entries = new Map<string, Entry<T>>();
  private gen = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take before reading the database; pass to `set`. */
  get generation(): number {
    return this.gen;
  }

  get(id: string): T | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return e.value;
  }

  set(id: string, value: T, generation: number): void {
    if (generation !== this.gen || this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { value, expiresAt: this.now() + this.ttlMs });
  }

  clear(): void {
    this.gen++;
    this.entries = new Map();
  }

  get size(): number {
    return this.entries.size;
  }
}
