import { createHash } from 'node:crypto';
import type {
  AuthResult,
  Authenticator,
  CachedResponse,
  CacheLookup,
  CallerIdentity,
  GatewayRequest,
  LimitDecision,
  RequestLimiter,
  ResponseCache,
} from '../../src/pipeline/contracts';

/**
 * Minimal stage implementations that let the data plane's handling of each seam be tested while
 * the real stages (auth/, limits/, cache/) are built in parallel: they answer the way the contracts
 * say, with the least logic that makes each branch reachable.
 */
export const GOOD_KEY = 'good-key-0001';

export const IDENTITY: CallerIdentity = {
  tenantId: 'ten_default',
  consumerId: 'con_test',
  keyId: 'key_test',
  scopes: [],
  planId: 'pln_test',
  rateLimitPerMinute: null,
  quotaPerMonth: 1000,
  via: 'apiKey',
};

/** Answers asynchronously, so the data plane's Promise path is exercised. */
export class TestAuthenticator implements Authenticator {
  async authenticate(req: GatewayRequest): Promise<AuthResult> {
    await new Promise((r) => setImmediate(r));
    if (req.route.policies.auth?.type === 'none') return { ok: true, identity: null };
    if (req.headers['x-api-key'] === GOOD_KEY) return { ok: true, identity: IDENTITY };
    return {
      ok: false,
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'An API key is required.',
      headers: { 'WWW-Authenticate': 'ApiKey realm="portico"' },
    };
  }
}

/** Fixed window per route, answering synchronously. */
export class TestLimiter implements RequestLimiter {
  private readonly counts = new Map<string, number>();
  check(req: GatewayRequest): LimitDecision {
    const policy = req.route.policies.rateLimit;
    if (!policy) return { allowed: true, headers: {} };
    const used = (this.counts.get(req.route.routeId) ?? 0) + 1;
    this.counts.set(req.route.routeId, used);
    const headers = {
      'RateLimit-Limit': String(policy.requests),
      'RateLimit-Remaining': String(Math.max(0, policy.requests - used)),
      'RateLimit-Reset': String(policy.windowSeconds),
    };
    if (used <= policy.requests) return { allowed: true, headers };
    return {
      allowed: false,
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests.',
      headers: { ...headers, 'Retry-After': String(policy.windowSeconds) },
    };
  }
}

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
