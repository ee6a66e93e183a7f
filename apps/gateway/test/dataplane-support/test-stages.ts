import { createHash } from 'node:crypto';
import type {
  CachedResponse,
  CacheLookup,
  GatewayRequest,
  ResponseCache,
} from '../../src/pipeline/contracts';

/**
 * A minimal ResponseCache that lets the data plane's handling of the cache seam be tested while the
 * real cache stage (cache/) is built in parallel: it answers the way the contract says, with the
 * least logic that makes each branch (MISS and fill, HIT, 304) reachable.
 */
export class TestCache implements ResponseCache {
  readonly entries = new Map<string, CachedResponse>();
  lookup(req: GatewayRequest): CacheLookup {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { cacheable: false };
    const key = `${req.path}?${req.query}`;
    return { cacheable: true, key, hit: this.entries.get(key) ?? null };
  }
  store(
    key: string,
    req: GatewayRequest,
    status: number,
    headers: Record<string, string | string[]>,
    body: Buffer,
  ): CachedResponse | null {
    const ttl = req.route.policies.cache?.ttlSeconds ?? 0;
    const entry: CachedResponse = {
      status,
      headers,
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      storedAt: Date.now(),
      expiresAt: Date.now() + ttl * 1000,
    };
    this.entries.set(key, entry);
    return entry;
  }
  notModified(req: GatewayRequest, entry: CachedResponse): boolean {
    return req.headers['if-none-match'] === entry.etag;
  }
  purgeApi(): number {
    return 0;
  }
  purgeAll(): number {
    const n = this.entries.size;
    this.entries.clear();
    return n;
  }
}
