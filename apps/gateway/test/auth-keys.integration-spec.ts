import type { AuthPolicy } from '@portico/contracts';
import { startTestApp, waitFor } from '@portico/testing';
import { AUTHENTICATOR, type AuthResult, type Authenticator } from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import { type AuthRig, startAuthRig } from './support/auth-app';
import { ConsumerDouble } from './support/consumer-double';
import { GOLD, request, route, verified } from './support/requests';

const apiKey = (over: Partial<AuthPolicy> = {}): AuthPolicy => ({
  type: 'apiKey',
  scopes: [],
  allowQueryKey: false,
  requireSubscription: false,
  ...over,
});

function refusal(r: AuthResult) {
  if (r.ok) throw new Error('expected a refusal');
  return r;
}

function identity(r: AuthResult) {
  if (!r.ok) throw new Error(`expected success, got ${r.status} ${r.message}`);
  return r.identity;
}

describe('gateway auth: API keys, authorisation and IP filters', () => {
  let double: ConsumerDouble;
  let rig: AuthRig;
  const asked = (key: string) =>
    double.verifyRequests.filter((r) => r.type === 'apiKey' && r.key === key).length;

  beforeAll(async () => {
    double = await ConsumerDouble.start();
    rig = await startAuthRig(double);
  });
  afterAll(async () => {
    await rig?.close();
    await double?.stop();
  });

  it('lets anyone through a route with auth none, without asking anybody', async () => {
    const before = double.verifyRequests.length;
    const r = rig.auth.authenticate(request(route({ auth: apiKey({ type: 'none' }) })));
    expect(r).toEqual({ ok: true, identity: null });
    expect(double.verifyRequests.length).toBe(before);
  });

  it('answers 401 with an ApiKey challenge when no key is sent', async () => {
    const r = refusal(await rig.run(request(route({ auth: apiKey() }))));
    expect(r).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(r.headers?.['www-authenticate']).toBe('ApiKey realm="portico"');
    // A route without an auth policy defaults to API keys too.
    expect(refusal(await rig.run(request(route({})))).status).toBe(401);
  });

  it('verifies a key once over NATS, then answers from the cache synchronously', async () => {
    const key = 'pk_valid_key_1';
    double.keys.set(
      key,
      verified({ keyId: 'key_v1', consumerId: 'con_v1', scopes: ['orders:read'] }),
    );
    const req = () => request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } });
    const first = await rig.run(req());
    expect(identity(first)).toEqual({
      tenantId: 'ten_a',
      consumerId: 'con_v1',
      keyId: 'key_v1',
      scopes: ['orders:read'],
      planId: GOLD.planId,
      rateLimitPerMinute: GOLD.rateLimitPerMinute,
      quotaPerMonth: GOLD.quotaPerMonth,
      via: 'apiKey',
    });
    const second = rig.auth.authenticate(req());
    expect(second).not.toBeInstanceOf(Promise);
    expect(identity(second as AuthResult)?.consumerId).toBe('con_v1');
    expect(asked(key)).toBe(1);
    // The client address went along (consumer-management checks allowed IPs and lock-outs).
    expect(double.verifyRequests.find((r) => r.type === 'apiKey' && r.key === key)).toMatchObject({
      clientIp: '127.0.0.1',
    });
  });

  it("uses the plan of the consumer's subscription to this version when there is one", async () => {
    const key = 'pk_subscribed_key';
    const silver = {
      planId: 'pln_silver',
      name: 'Silver',
      rateLimitPerMinute: 10,
      quotaPerMonth: 500,
    };
    double.keys.set(
      key,
      verified({
        keyId: 'key_sub',
        consumerId: 'con_sub',
        subscriptions: ['ver_orders_1'],
        subscriptionPlans: [
          {
            subscriptionId: 'sub_1',
            apiId: 'api_orders',
            apiVersionId: 'ver_orders_1',
            plan: silver,
          },
        ],
      }),
    );
    const onV1 = identity(
      await rig.run(request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } })),
    );
    expect(onV1).toMatchObject({
      planId: 'pln_silver',
      rateLimitPerMinute: 10,
      quotaPerMonth: 500,
    });
    const onV2 = identity(
      await rig.run(
        request(route({ auth: apiKey() }, { versionId: 'ver_orders_2', version: 'v2' }), {
          headers: { 'x-api-key': key },
        }),
      ),
    );
    expect(onV2?.planId).toBe(GOLD.planId);
  });

  it('refuses an unknown key with 401 and caches the refusal', async () => {
    const key = 'pk_nobody_has_this';
    const req = () => request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } });
    const r = refusal(await rig.run(req()));
    expect(r).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(r.headers?.['www-authenticate']).toBe('ApiKey realm="portico"');
    const again = rig.auth.authenticate(req());
    expect(again).not.toBeInstanceOf(Promise);
    expect(asked(key)).toBe(1);
  });

  it('refuses a revoked key as soon as consumer.key.revoked arrives', async () => {
    const key = 'pk_soon_revoked';
    double.keys.set(
      key,
      verified({ keyId: 'key_rev', consumerId: 'con_rev', cacheTtlSeconds: 300 }),
    );
    const req = () => request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } });
    expect((await rig.run(req())).ok).toBe(true);
    double.keys.set(key, { valid: false, reason: 'revoked', cacheTtlSeconds: 60 });
    await double.publish('consumer.key.revoked', {
      keyId: 'key_rev',
      consumerId: 'con_rev',
      prefix: 'pk',
    });
    // The cached answer would live 300 s: only the event can explain a refusal now.
    const r = await waitFor(
      async () => {
        const res = await rig.run(req());
        return res.ok ? null : res;
      },
      { timeoutMs: 5_000, intervalMs: 10, what: 'the revoked key to be refused' },
    );
    expect(r).toMatchObject({ status: 401, message: 'The credential has been revoked.' });
  });

  it('drops cached keys of a suspended consumer', async () => {
    const key = 'pk_of_suspended';
    double.keys.set(key, verified({ keyId: 'key_s', consumerId: 'con_susp' }));
    const req = () => request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } });
    expect((await rig.run(req())).ok).toBe(true);
    double.keys.set(key, { valid: false, reason: 'consumer_not_approved', cacheTtlSeconds: 10 });
    await double.publish('consumer.suspended', { consumerId: 'con_susp', name: 'x' });
    const r = await waitFor(
      async () => {
        const res = await rig.run(req());
        return res.ok ? null : res;
      },
      { timeoutMs: 5_000, intervalMs: 10, what: 'the suspended consumer to be refused' },
    );
    expect(r).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('takes the key from ?api_key= only where the route allows it', async () => {
    const key = 'pk_query_key';
    double.keys.set(key, verified({ keyId: 'key_q', consumerId: 'con_q' }));
    const query = `a=1&api_key=${key}`;
    const refused = refusal(await rig.run(request(route({ auth: apiKey() }), { query })));
    expect(refused.status).toBe(401);
    const allowed = await rig.run(
      request(route({ auth: apiKey({ allowQueryKey: true }) }), { query }),
    );
    expect(identity(allowed)?.keyId).toBe('key_q');
  });

  it('shares one NATS request among concurrent misses for the same key', async () => {
    const key = 'pk_single_flight';
    double.keys.set(key, verified({ keyId: 'key_sf', consumerId: 'con_sf' }));
    double.delayMs = 200;
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          rig.run(request(route({ auth: apiKey() }), { headers: { 'x-api-key': key } })),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(asked(key)).toBe(1);
    } finally {
      double.delayMs = 0;
    }
  });

  describe('authorisation', () => {
    const key = 'pk_authz_key';
    beforeAll(() => {
      double.keys.set(
        key,
        verified({
          keyId: 'key_az',
          consumerId: 'con_az',
          scopes: ['orders:read'],
          subscriptions: ['ver_orders_1'],
          allowedApis: ['api_orders'],
          allowedIps: ['10.1.0.0/16', '2001:db8::/32'],
        }),
      );
    });
    const as = (policy: Partial<AuthPolicy>, over = {}, ip = '10.1.2.3') =>
      rig.run(
        request(route({ auth: apiKey(policy) }, over), { headers: { 'x-api-key': key }, ip }),
      );

    it('requires every scope of the route and names the missing ones (403)', async () => {
      expect((await as({ scopes: ['orders:read'] })).ok).toBe(true);
      const r = refusal(await as({ scopes: ['orders:read', 'orders:write', 'admin'] }));
      expect(r).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(r.message).toContain('orders:write, admin');
      expect(r.message).not.toContain('orders:read,');
    });

    it('requires a subscription to the version when the route says so (403)', async () => {
      expect((await as({ requireSubscription: true })).ok).toBe(true);
      const r = refusal(
        await as({ requireSubscription: true }, { versionId: 'ver_orders_2', version: 'v2' }),
      );
      expect(r).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(r.message).toContain('subscription');
    });

    it("enforces the credential's allowed APIs, allowed addresses and tenant (403)", async () => {
      expect(refusal(await as({}, { apiId: 'api_other', apiName: 'other' })).status).toBe(403);
      expect(refusal(await as({}, {}, '10.2.0.1')).status).toBe(403);
      expect((await as({}, {}, '2001:db8::1')).ok).toBe(true);
      expect((await as({}, {}, '::ffff:10.1.9.9')).ok).toBe(true);
      const other = refusal(await as({}, { tenantId: 'ten_b' }));
      expect(other.status).toBe(403);
      expect(other.message).toContain('tenant');
    });

    it('turns an address refusal of consumer-management into 403 for that address only', async () => {
      const k = 'pk_ip_refused';
      double.keys.set(k, { valid: false, reason: 'ip_not_allowed', cacheTtlSeconds: 60 });
      const r = refusal(
        await rig.run(
          request(route({ auth: apiKey() }), { headers: { 'x-api-key': k }, ip: '192.0.2.1' }),
        ),
      );
      expect(r.status).toBe(403);
      double.keys.set(k, verified({ keyId: 'key_ipr', consumerId: 'con_ipr' }));
      const ok = await rig.run(
        request(route({ auth: apiKey() }), { headers: { 'x-api-key': k }, ip: '192.0.2.2' }),
      );
      expect(ok.ok).toBe(true);
    });

    it('asks once per address when two addresses present a new key at once', async () => {
      const k = 'pk_two_addresses';
      double.keys.set(k, { valid: false, reason: 'ip_not_allowed', cacheTtlSeconds: 60 });
      const before = double.verifyRequests.length;
      const at = (ip: string) =>
        rig.run(request(route({ auth: apiKey() }), { headers: { 'x-api-key': k }, ip }));
      await Promise.all([at('192.0.2.10'), at('192.0.2.11')]);
      // One shared answer would hand the first address's refusal to the second.
      const asked = double.verifyRequests
        .slice(before)
        .map((r) => ('clientIp' in r ? r.clientIp : undefined));
      expect(asked.sort()).toEqual(['192.0.2.10', '192.0.2.11']);
    });
  });

  describe('IP allow and deny lists', () => {
    const ipFilter = { allow: ['203.0.113.0/24', '2001:db8:aa::/48'], deny: ['203.0.113.66'] };
    const at = (ip: string) =>
      rig.auth.authenticate(request(route({ auth: apiKey({ type: 'none' }), ipFilter }), { ip }));

    it('refuses addresses outside the allow list or on the deny list (403), before auth', () => {
      expect(at('203.0.113.7')).toEqual({ ok: true, identity: null });
      expect(at('2001:db8:aa:1::5')).toEqual({ ok: true, identity: null });
      expect(at('::ffff:203.0.113.8')).toEqual({ ok: true, identity: null });
      for (const ip of ['203.0.113.66', '198.51.100.1', '2001:db8:bb::1', 'not-an-ip']) {
        expect(at(ip)).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
      }
    });

    it('applies a deny-only list to the listed addresses', () => {
      const r = route({
        auth: apiKey({ type: 'none' }),
        ipFilter: { allow: [], deny: ['10.0.0.0/8'] },
      });
      expect(rig.auth.authenticate(request(r, { ip: '10.9.9.9' }))).toMatchObject({ status: 403 });
      expect(rig.auth.authenticate(request(r, { ip: '11.0.0.1' }))).toEqual({
        ok: true,
        identity: null,
      });
    });
  });
});

describe('gateway auth without consumer-management', () => {
  it('answers 503 SERVICE_UNAVAILABLE (not 401, not 500) when credentials cannot be checked', async () => {
    const app = await startTestApp(gatewayService, { NATS_URL: 'nats://127.0.0.1:1' });
    try {
      const auth = app.service.app.get<Authenticator>(AUTHENTICATOR);
      const r = await auth.authenticate(
        request(route({ auth: apiKey() }), { headers: { 'x-api-key': 'pk_any_key' } }),
      );
      expect(r).toMatchObject({ ok: false, status: 503, code: 'SERVICE_UNAVAILABLE' });
      // Routes without auth keep working.
      expect(auth.authenticate(request(route({ auth: apiKey({ type: 'none' }) })))).toEqual({
        ok: true,
        identity: null,
      });
    } finally {
      await app.close();
    }
  });
});
