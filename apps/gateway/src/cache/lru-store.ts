import type { CachedResponse } from '../pipeline/contracts';

export interface StoredEntry {
  response: CachedResponse;
  tenantId: string;
  apiId: string;
  /** The request key without the upstream's Vary part (to forget the Vary it learned). */
  baseKey: string;
  bytes: number;
}

/**
 * A Map kept in recency order (a Map iterates in insertion order: re-inserting on a hit moves the
 * key to the end, so the first key is always the least recently used). Bounded by entries and by
 * bytes; an index by API makes purging an API cost what it removes, not the whole cache.
 */
export class LruStore {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly byApi = new Map<string, Set<string>>();
  private totalBytes = 0;
  evictions = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The entry, marked most recently used; expired entries are removed and not returned. */
  get(key: string, now: number): StoredEntry | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.entries.delete(key);
    if (e.response.expiresAt <= now) {
      this.unindex(key, e);
      return undefined;
    }
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: StoredEntry): void {
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    let keys = this.byApi.get(entry.apiId);
    if (!keys) {
      keys = new Set();
      this.byApi.set(entry.apiId, keys);
    }
    keys.add(key);
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value, this.entries.get(oldest.value)!);
      this.evictions++;
    }
  }

  /** Removes the API's entries (only the tenant's, when given); returns how many. */
  purgeApi(apiId: string, tenantId?: string): StoredEntry[] {
    const keys = this.byApi.get(apiId);
    if (!keys) return [];
    const removed: StoredEntry[] = [];
    for (const key of [...keys]) {
      const e = this.entries.get(key);
      if (!e || (tenantId !== undefined && e.tenantId !== tenantId)) continue;
      this.delete(key, e);
      removed.push(e);
    }
    return removed;
  }

  purgeTenant(tenantId: string): number {
    let n = 0;
    for (const [key, e] of [...this.entries]) {
      if (e.tenantId !== tenantId) continue;
      this.delete(key, e);
      n++;
    }
    return n;
  }

  clear(): number {
    const n = this.entries.size;
    this.entries.clear();
    this.byApi.clear();
    this.totalBytes = 0;
    return n;
  }

  private delete(key: string, e: StoredEntry): void {
    this.entries.delete(key);
    this.unindex(key, e);
  }

  private unindex(key: string, e: StoredEntry): void {
    this.totalBytes -= e.bytes;
    const keys = this.byApi.get(e.apiId);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byApi.delete(e.apiId);
  }
}
