import { randomBytes } from 'node:crypto';
import type { PolicySet } from '@portico/contracts';
import { MetricsService } from '@portico/platform';
import { startTestApp, type TestApp } from '@portico/testing';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../src/config';
import { GatewayRequestLimiter } from '../src/limits/gateway-limiter';
import type { LimitStore } from '../src/limits/limit-spec';
import { RedisLimitStore } from '../src/limits/redis-store';
import {
  type CallerIdentity,
  type LimitDecision,
  REQUEST_LIMITER,
  type RequestLimiter,
} from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import { request, route } from './support/requests';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `portico:test:${randomBytes(6).toString('hex')}:`;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function limiterOn(store: LimitStore, failOpen = true): GatewayRequestLimiter {
  const config = { GATEWAY_RATE_LIMIT_FAIL_OPEN: failOpen } as GatewayConfig;
  return new GatewayRequestLimiter(store, config, silent, new MetricsService('gateway-test'));
}

const consumer = (consumerId: string, over: Partial<CallerIdentity> = {}): CallerIdentity => ({
  tenantId: 'ten_a',
  consumerId,
  keyId: `key_${consumerId}`,
  scopes: [],
  planId: null,
  rateLimitPerMinute: null,
  quotaPerMonth: null,
  via: 'apiKey',
  ...over,
});

let routeSeq = 0;
/** A route of its own for each test, so counters never collide. */
const freshRoute = (policies: PolicySet) =>
  route(policies, { routeId: `rte_${++routeSeq}`, versionId: `ver_${routeSeq}` });

describe('gateway limits: sliding windows and quotas on Redis', () => {
  const connections: Redis[] = [];
  const connect = () => {
    const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
    connections.push(r);
    return r;
  };
  let limiter: GatewayRequestLimiter;

  beforeAll(() => {
    limiter = limiterOn(new RedisLimitStore(connect(), PREFIX));
  });
  afterAll(async () => {
    const r = connections[0]!;
    const keys = await r.keys(`${PREFIX}*`);
    if (keys.length > 0) await r.del(...keys);
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('allows exactly N, then answers 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const r = freshRoute({ rateLimit: { requests: 5, windowSeconds: 60, scope: 'consumer' } });
    const who = consumer('con_exact');
    const decisions: LimitDecision[] = [];
    for (let i = 0; i < 7; i++) decisions.push(await limiter.check(request(r), who));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.headers['RateLimit-Remaining'])).toEqual([
      '4',
      '3',
      '2',
      '1',
      '0',
      '0',
      '0',
    ]);
    expect(decisions[0]!.headers).toMatchObject({
      'RateLimit-Limit': '5',
      'RateLimit-Policy': '5;w=60',
    });
    expect(Number(decisions[0]!.headers['RateLimit-Reset'])).toBe(60);
    const refused = decisions[5]!;
    if (refused.allowed) throw new Error('expected a refusal');
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another consumer has its own window.
    expect((await limiter.check(request(r), consumer('con_other'))).allowed).toBe(true);
  });

  it('checks and counts the rate limit and both quotas in one Redis command', async () => {
    const conn = connect();
    const store = new RedisLimitStore(conn, PREFIX);
    const viaStore = limiterOn(store);
    const r = freshRoute({
      rateLimit: { requests: 10, windowSeconds: 60, scope: 'consumer' },
      quota: { requests: 100, period: 'month' },
    });
    const who = consumer('con_one_trip', {
      planId: 'pln_x',
      rateLimitPerMinute: 50,
      quotaPerMonth: 1000,
    });
    await viaStore.check(request(r), who); // loads the script (EVALSHA, then EVAL on NOSCRIPT)
    const sent: string[] = [];
    const original = conn.sendCommand.bind(conn);
    conn.sendCommand = ((command: { name: string }) => {
      sent.push(command.name);
      return original(command as never);
    }) as typeof conn.sendCommand;
    const d = await viaStore.check(request(r), who);
    expect(d.headers['RateLimit-Policy']).toBe('10;w=60, 100;w=2592000, 50;w=60, 1000;w=2592000');
    expect(sent).toEqual(['evalsha']);
  });

  it('two gateways sharing Redis together allow exactly N of N+20 concurrent requests', async () => {
    const a = limiterOn(new RedisLimitStore(connect(), PREFIX));
    const b = limiterOn(new RedisLimitStore(connect(), PREFIX));
    const n = 50;
    const r = freshRoute({ rateLimit: { requests: n, windowSeconds: 60, scope: 'route' } });
    const all = await Promise.all(
      Array.from({ length: n + 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).check(request(r, { ip: `10.0.0.${i}` }), null),
      ),
    );
    expect(all.filter((d) => d.allowed)).toHaveLength(n);
    expect(all.filter((d) => !d.allowed && d.code === 'RATE_LIMITED')).toHaveLength(20);
  });

  it('keeps a sliding window: no window-long span holds more than N, even across an edge', async () => {
    // Real time on Redis's clock: a 1 s window, requests every 25 ms for 3.5 s.
    const n = 5;
    const windowMs = 1_000;
    const r = freshRoute({ rateLimit: { requests: n, windowSeconds: 1, scope: 'route' } });
    const accepted: number[] = [];
    const end = Date.now() + 3_500;
    while (Date.now() < end) {
      const sentAt = Date.now();
      if ((await limiter.check(request(r), null)).allowed) accepted.push(sentAt);
      await new Promise((res) => setTimeout(res, 25));
    }
    expect(accepted.length).toBeGreaterThanOrEqual(3 * n);
    // A fixed window would let N through at its end and N more at the next start (gap ~0);
    // a sliding log keeps any N+1 accepted requests a window apart. 500 ms of slack covers the
    // round trip between our clock and Redis's; a burst would show gaps near 0.
    for (let i = 0; i + n < accepted.length; i++) {
      expect(accepted[i + n]! - accepted[i]!).toBeGreaterThan(windowMs - 500);
    }
  });

  it('separates callers by scope: ip, key, consumer', async () => {
    const byIp = freshRoute({ rateLimit: { requests: 1, windowSeconds: 60, scope: 'ip' } });
    expect((await limiter.check(request(byIp, { ip: '10.9.0.1' }), consumer('c1'))).allowed).toBe(
      true,
    );
    expect((await limiter.check(request(byIp, { ip: '10.9.0.1' }), consumer('c2'))).allowed).toBe(
      false,
    );
    expect((await limiter.check(request(byIp, { ip: '10.9.0.2' }), consumer('c1'))).allowed).toBe(
      true,
    );

    const byKey = freshRoute({ rateLimit: { requests: 1, windowSeconds: 60, scope: 'key' } });
    const sameConsumerOtherKey = consumer('c3', { keyId: 'key_second' });
    expect((await limiter.check(request(byKey), consumer('c3'))).allowed).toBe(true);
    expect((await limiter.check(request(byKey), sameConsumerOtherKey)).allowed).toBe(true);
    expect((await limiter.check(request(byKey), consumer('c3'))).allowed).toBe(false);

    // Anonymous callers of a per-consumer limit are counted by address.
    const byConsumer = freshRoute({
      rateLimit: { requests: 1, windowSeconds: 60, scope: 'consumer' },
    });
    expect((await limiter.check(request(byConsumer, { ip: '10.8.0.1' }), null)).allowed).toBe(true);
    expect((await limiter.check(request(byConsumer, { ip: '10.8.0.1' }), null)).allowed).toBe(
      false,
    );
    expect((await limiter.check(request(byConsumer, { ip: '10.8.0.2' }), null)).allowed).toBe(true);
  });

  it("reuses a caller's computed limits, but never across client addresses", async () => {
    // The authenticator hands out one identity object per credential: the same object here.
    const same = consumer('con_reused');
    const byIp = freshRoute({ rateLimit: { requests: 1, windowSeconds: 60, scope: 'ip' } });
    expect((await limiter.check(request(byIp, { ip: '10.7.0.1' }), same)).allowed).toBe(true);
    expect((await limiter.check(request(byIp, { ip: '10.7.0.2' }), same)).allowed).toBe(true);
    expect((await limiter.check(request(byIp, { ip: '10.7.0.1' }), same)).allowed).toBe(false);
    const byConsumer = freshRoute({
      rateLimit: { requests: 2, windowSeconds: 60, scope: 'consumer' },
    });
    const seen = [];
    for (const ip of ['10.6.0.1', '10.6.0.2', '10.6.0.3']) {
      seen.push((await limiter.check(request(byConsumer, { ip }), same)).allowed);
    }
    expect(seen).toEqual([true, true, false]);
  });

  it("applies the plan's rate limit per minute and reports both policies", async () => {
    const r = freshRoute({ rateLimit: { requests: 100, windowSeconds: 60, scope: 'consumer' } });
    const gold = consumer('con_plan', { planId: 'pln_tiny', rateLimitPerMinute: 2 });
    const first = await limiter.check(request(r), gold);
    expect(first.headers).toMatchObject({
      'RateLimit-Limit': '2',
      'RateLimit-Remaining': '1',
      'RateLimit-Policy': '100;w=60, 2;w=60',
    });
    await limiter.check(request(r), gold);
    const third = await limiter.check(request(r), gold);
    expect(third).toMatchObject({ allowed: false, code: 'RATE_LIMITED' });
  });

  it('refuses past the quota with 429 QUOTA_EXCEEDED and Retry-After until the period ends', async () => {
    const r = freshRoute({ quota: { requests: 3, period: 'day' } });
    const who = consumer('con_quota');
    for (let i = 0; i < 3; i++) expect((await limiter.check(request(r), who)).allowed).toBe(true);
    const refused = await limiter.check(request(r), who);
    if (refused.allowed) throw new Error('expected a refusal');
    expect(refused).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED' });
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const expected = Math.ceil((midnight - Date.now()) / 1000);
    expect(Math.abs(Number(refused.headers['Retry-After']) - expected)).toBeLessThanOrEqual(5);
    expect(refused.headers['RateLimit-Policy']).toBe('3;w=86400');

    // The plan's monthly quota counts too.
    const plan = consumer('con_monthly', { planId: 'pln_m', quotaPerMonth: 1 });
    const open = freshRoute({});
    expect((await limiter.check(request(open), plan)).allowed).toBe(true);
    expect(await limiter.check(request(open), plan)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });

  it('a request refused by the rate limit does not use up the quota', async () => {
    const r = freshRoute({
      rateLimit: { requests: 1, windowSeconds: 60, scope: 'consumer' },
      quota: { requests: 10, period: 'month' },
    });
    const who = consumer('con_both');
    await limiter.check(request(r), who);
    for (let i = 0; i < 3; i++) await limiter.check(request(r), who);
    const quotaKey = (await connections[0]!.keys(`${PREFIX}q:${r.versionId}:*`))[0]!;
    expect(await connections[0]!.get(quotaKey)).toBe('1');
  });

  it("implements @nestjs/throttler's storage contract on the same script", async () => {
    const store = new RedisLimitStore(connections[0]!, PREFIX);
    const key = `ip-${randomBytes(4).toString('hex')}`;
    const first = await store.increment(key, 60_000, 2, 0, 'default');
    expect(first).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect((await store.increment(key, 60_000, 2, 0, 'default')).totalHits).toBe(2);
    const third = await store.increment(key, 60_000, 2, 0, 'default');
    expect(third).toMatchObject({ totalHits: 3, isBlocked: true });
    expect(third.timeToBlockExpire).toBeGreaterThanOrEqual(59);
  });

  it('adds no headers and no Redis trip where no limit applies', async () => {
    const d = limiter.check(request(freshRoute({})), consumer('con_free'));
    expect(d).toEqual({ allowed: true, headers: {} });
  });

  it('lets requests through when Redis is unreachable, or answers 503 when told to fail closed', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    const r = freshRoute({ rateLimit: { requests: 1, windowSeconds: 60, scope: 'route' } });
    const open = await limiterOn(new RedisLimitStore(dead, PREFIX), true).check(request(r), null);
    expect(open).toEqual({ allowed: true, headers: {} });
    const closed = await limiterOn(new RedisLimitStore(dead, PREFIX), false).check(
      request(r),
      null,
    );
    expect(closed).toMatchObject({ allowed: false, status: 503, code: 'SERVICE_UNAVAILABLE' });
    dead.disconnect();
  });
});

describe('gateway limits: wiring in the app', () => {
  let memoryApp: TestApp<GatewayConfig>;
  const redisApps: Array<TestApp<GatewayConfig>> = [];

  afterAll(async () => {
    await Promise.all([memoryApp?.close(), ...redisApps.map((a) => a.close())]);
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${PREFIX}app:*`);
    if (keys.length > 0) await r.del(...keys);
    await r.quit();
  });

  it('without REDIS_URL counts in memory and answers synchronously', async () => {
    memoryApp = await startTestApp(gatewayService, {});
    const limiter = memoryApp.service.app.get<RequestLimiter>(REQUEST_LIMITER);
    const r = freshRoute({ rateLimit: { requests: 2, windowSeconds: 60, scope: 'ip' } });
    const results = [0, 1, 2].map(() => limiter.check(request(r), null));
    for (const d of results) expect(d).not.toBeInstanceOf(Promise);
    expect(results.map((d) => (d as LimitDecision).allowed)).toEqual([true, true, false]);
  });

  it('two gateway apps on one Redis share their counters', async () => {
    const env = { REDIS_URL, GATEWAY_RATE_LIMIT_PREFIX: `${PREFIX}app:` };
    redisApps.push(
      await startTestApp(gatewayService, env),
      await startTestApp(gatewayService, env),
    );
    await Promise.all(redisApps.map((a) => a.waitUntilReady()));
    const [a, b] = redisApps.map((app) => app.service.app.get<RequestLimiter>(REQUEST_LIMITER));
    const n = 30;
    const r = freshRoute({ rateLimit: { requests: n, windowSeconds: 60, scope: 'route' } });
    const all = await Promise.all(
      Array.from({ length: n + 20 }, (_, i) => (i % 2 === 0 ? a! : b!).check(request(r), null)),
    );
    expect(all.filter((d) => d.allowed)).toHaveLength(n);
  });
});
