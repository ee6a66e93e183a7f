import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectConfig, MetricsService } from '@portico/platform';
import { Counter, Gauge } from 'prom-client';
import type {
  CachedResponse,
  CacheLookup,
  CallerIdentity,
  GatewayRequest,
  ResponseCache,
} from '../pipeline/contracts';
import { ifNoneMatchMatches, parseCacheControl } from './cache-control';
import { keyBuilderFor, parseVary, varySuffix } from './cache-key';
import type { CacheConfigShape } from './config';
import { LruStore, type StoredEntry } from './lru-store';
import type { z } from 'zod';

type CacheConfig = { [K in keyof typeof CacheConfigShape]: z.infer<(typeof CacheConfigShape)[K]> };

/** Heuristically cacheable statuses (RFC 9110 §15.1) that a gateway cache is useful for. */
const CACHEABLE_STATUS = new Set([200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]);

/** Connection-level headers never replayed from the cache (RFC 9110 §7.6.1, RFC 9111 §3.1). */
const NOT_STORED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'date',
  'age',
  'x-cache',
]);

const LOOKUPS_METRIC = 'portico_gateway_cache_lookups_total';
const ENTRIES_METRIC = 'portico_gateway_cache_entries';
const BYTES_METRIC = 'portico_gateway_cache_bytes';

const NOT_CACHEABLE: CacheLookup = Object.freeze({ cacheable: false });

/** Fixed per-entry overhead counted against the byte bound (objects, Map slots). */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * In-memory response cache for GET/HEAD on routes with a cache policy. `lookup` is synchronous and
 * costs one key build and one Map access. The key returned by `lookup` is the request's base key;
 * the upstream's `Vary` (learned on the first store for that base key) extends it per entry.
 */
@Injectable()
export class ResponseCacheService implements ResponseCache {
  private readonly lru: LruStore;
  /** Base key → header names the upstream said it varies on. */
  private readonly learnedVary = new Map<string, string[]>();
  private readonly counts = { hits: 0, misses: 0, reportedHits: 0, reportedMisses: 0 };

  constructor(
    @InjectConfig() private readonly config: CacheConfig,
    metrics: MetricsService,
  ) {
    this.lru = new LruStore(config.GATEWAY_CACHE_MAX_ENTRIES, config.GATEWAY_CACHE_MAX_BYTES);
    // Plain numbers on the hot path, handed to prom-client when scraped (a labelled inc hashes its
    // labels on every call, which costs more than the lookup itself).
    const counts = this.counts;
    const lru = this.lru;
    const registry = metrics.registry;
    for (const name of [LOOKUPS_METRIC, ENTRIES_METRIC, BYTES_METRIC]) {
      // A new cache (tests build several on one registry) takes the series over.
      if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
    }
    new Counter<'result'>({
      name: LOOKUPS_METRIC,
      help: 'Response cache lookups on cacheable requests, by result.',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        this.inc({ result: 'hit' }, counts.hits - counts.reportedHits);
        this.inc({ result: 'miss' }, counts.misses - counts.reportedMisses);
        counts.reportedHits = counts.hits;
        counts.reportedMisses = counts.misses;
      },
    });
    new Gauge({
      name: ENTRIES_METRIC,
      help: 'Responses in the cache.',
      registers: [registry],
      collect() {
        this.set(lru.size);
      },
    });
    new Gauge({
      name: BYTES_METRIC,
      help: 'Bytes held by the response cache (bodies, headers, keys, overhead).',
      registers: [registry],
      collect() {
        this.set(lru.bytes);
      },
    });
  }

  lookup(req: GatewayRequest, identity: CallerIdentity | null): CacheLookup {
    const policy = req.route.policies.cache;
    if (policy === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return NOT_CACHEABLE;
    }
    const key = keyBuilderFor(policy).base(req, identity);
    const vary = this.learnedVary.get(key);
    const full = vary === undefined ? key : key + varySuffix(req.headers, vary);
    const entry = this.lru.get(full, Date.now());
    if (entry === undefined) {
      this.counts.misses++;
      return { cacheable: true, key, hit: null };
    }
    this.counts.hits++;
    return { cacheable: true, key, hit: entry.response };
  }

  store(
    key: string,
    req: GatewayRequest,
    status: number,
    headers: Record<string, string | string[]>,
    body: Buffer,
  ): CachedResponse | null {
    const policy = req.route.policies.cache;
    if (policy === undefined || !CACHEABLE_STATUS.has(status)) return null;
    if (body.length > this.config.GATEWAY_CACHE_MAX_ENTRY_BYTES) return null;
    const cc = parseCacheControl(headers['cache-control']);
    // no-cache: may be stored only if revalidated on every use, which this cache does not do.
    if (cc.noStore || cc.noCache) return null;
    // A response for one caller must not reach another: only a per-consumer cache may keep it.
    if ((cc.private || headers['set-cookie'] !== undefined) && !policy.perConsumer) return null;
    const vary = parseVary(headers['vary']);
    if (vary === null) return null;
    let ttlMs = policy.ttlSeconds * 1000;
    if (cc.maxAgeSeconds !== null) ttlMs = Math.min(ttlMs, cc.maxAgeSeconds * 1000);
    if (ttlMs <= 0) return null;

    const stored: Record<string, string | string[]> = {};
    let headerBytes = 0;
    for (const name in headers) {
      const lower = name.toLowerCase();
      if (NOT_STORED_HEADERS.has(lower)) continue;
      const v = headers[name]!;
      stored[lower] = v;
      headerBytes += lower.length + (Array.isArray(v) ? v.join('').length : v.length);
    }
    // A HEAD answer has no body to derive a validator from: without the upstream's, not stored.
    const etag = upstreamEtag(stored['etag']) ?? (req.method === 'HEAD' ? null : strongEtag(body));
    if (etag === null) return null;
    stored['etag'] = etag;

    if (vary.length > 0) this.learnedVary.set(key, vary);
    else this.learnedVary.delete(key);
    if (this.learnedVary.size > this.config.GATEWAY_CACHE_MAX_ENTRIES * 4) {
      // Only a hint: forgetting it costs one extra miss per base key, never a wrong answer.
      this.learnedVary.clear();
    }
    const full = vary.length > 0 ? key + varySuffix(req.headers, vary) : key;
    const now = Date.now();
    const response: CachedResponse = {
      status,
      headers: stored,
      body,
      etag,
      storedAt: now,
      expiresAt: now + ttlMs,
    };
    const entry: StoredEntry = {
      response,
      tenantId: req.route.tenantId,
      apiId: req.route.apiId,
      baseKey: key,
      bytes: body.length + headerBytes + full.length * 2 + ENTRY_OVERHEAD_BYTES,
    };
    this.lru.set(full, entry);
    return response;
  }

  notModified(req: GatewayRequest, entry: CachedResponse): boolean {
    return entry.etag !== '' && ifNoneMatchMatches(req.headers['if-none-match'], entry.etag);
  }

  purgeApi(apiId: string): number {
    return this.forget(this.lru.purgeApi(apiId));
  }

  /** A tenant's admin purges only the tenant's entries (API ids are unique, but be strict). */
  purgeForTenant(tenantId: string, apiId?: string): number {
    if (apiId !== undefined) return this.forget(this.lru.purgeApi(apiId, tenantId));
    return this.lru.purgeTenant(tenantId);
  }

  purgeAll(): number {
    const n = this.lru.clear();
    this.learnedVary.clear();
    return n;
  }

  get stats(): { entries: number; bytes: number; evictions: number } {
    return { entries: this.lru.size, bytes: this.lru.bytes, evictions: this.lru.evictions };
  }

  private forget(removed: StoredEntry[]): number {
    for (const e of removed) this.learnedVary.delete(e.baseKey);
    return removed.length;
  }
}

function upstreamEtag(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s !== undefined && s.length > 0 ? s : null;
}

/** A strong validator from the body's SHA-256 (same body, same tag, on every gateway instance). */
function strongEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
