import type { CloudEvent } from '@portico/contracts';
import { ConsumerCredentials } from './consumer-credentials';
import { compileCredential, type Credential, type Rejection } from './credential';
import { CredentialCache, digest } from './credential-cache';

const cred = (keyId: string, actorId: string, jti: string | null = null): Credential =>
  compileCredential({
    tenantId: 'ten_a',
    consumerId: actorId,
    actorId,
    keyId,
    scopes: [],
    via: 'apiKey',
    plan: null,
    subscriptions: [],
    allowedApis: null,
    allowedIps: null,
    jti,
  });
const no: Rejection = { valid: false, reason: 'unknown' };

describe('CredentialCache', () => {
  it('never keys by the secret itself', () => {
    const d = digest('k', 'pk_secret_value');
    expect(d).not.toContain('secret');
    expect(d).toBe(digest('k', 'pk_secret_value'));
    expect(d).not.toBe(digest('j', 'pk_secret_value'));
  });

  it('expires entries after their TTL, capped by the maximum', () => {
    const c = new CredentialCache(10, 1_000);
    c.set('a', cred('key_a', 'con_a'), 60_000, {}, c.generation, 0);
    expect(c.get('a', 999)).toBeDefined();
    expect(c.get('a', 1_000)).toBeUndefined();
    c.set('z', no, 0, {}, c.generation, 0);
    expect(c.get('z', 0)).toBeUndefined();
  });

  it('does not store an answer fetched before an invalidation (the in-flight race)', () => {
    const c = new CredentialCache(10, 60_000);
    const generation = c.generation;
    c.invalidateKey('key_a'); // the revocation event arrives while the lookup is in flight
    c.set('a', cred('key_a', 'con_a'), 60_000, { keyId: 'key_a' }, generation);
    expect(c.get('a')).toBeUndefined();
  });

  it('drops exactly the entries of a key, an actor or a token id', () => {
    const c = new CredentialCache(10, 60_000);
    const put = (h: string, x: Credential) =>
      c.set(h, x, 60_000, { keyId: x.keyId, actorId: x.actorId, jti: x.jti }, c.generation);
    put('a1', cred('key_a1', 'con_a'));
    put('a2', cred('key_a2', 'con_a'));
    put('b', cred('key_b', 'con_b', 'jti_b'));
    put('c', cred('key_c', 'con_c'));
    c.invalidateKey('key_a1');
    expect([c.get('a1'), c.get('a2')].map(Boolean)).toEqual([false, true]);
    c.invalidateActor('con_a');
    expect(c.get('a2')).toBeUndefined();
    c.invalidateJti('jti_b');
    expect(c.get('b')).toBeUndefined();
    expect(c.get('c')).toBeDefined();
  });

  it('evicts the oldest entries beyond its size and keeps its indexes in step', () => {
    const c = new CredentialCache(100, 60_000);
    for (let i = 0; i < 150; i++) {
      c.set(`h${i}`, cred(`key_${i}`, `con_${i}`), 60_000, { keyId: `key_${i}` }, c.generation);
    }
    expect(c.size).toBe(100);
    expect(c.get('h0')).toBeUndefined();
    expect(c.get('h149')).toBeDefined();
    c.invalidateKey('key_0'); // evicted already: harmless
    c.invalidateKey('key_149');
    expect(c.get('h149')).toBeUndefined();
  });

  it('shares one lookup among concurrent misses', async () => {
    const c = new CredentialCache(10, 60_000);
    let calls = 0;
    const lookup = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return no;
    };
    await Promise.all([c.load('x', lookup), c.load('x', lookup), c.load('x', lookup)]);
    expect(calls).toBe(1);
    await c.load('x', lookup);
    expect(calls).toBe(2);
  });
});

describe('ConsumerCredentials: which events drop what', () => {
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const config = { GATEWAY_AUTH_CACHE_MAX_ENTRIES: 1000, GATEWAY_AUTH_CACHE_MAX_TTL_SECONDS: 60 };
  const event = (type: string, data: unknown): CloudEvent => ({
    specversion: '1.0',
    id: 'evt',
    source: 'consumer-management',
    type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    tenantid: 'ten_a',
    data,
  });
  let cc: ConsumerCredentials;
  beforeEach(() => {
    cc = new ConsumerCredentials({} as never, config as never, silent);
    const put = (h: string, x: Credential | Rejection, tags = {}) =>
      cc.cache.set(h, x, 60_000, tags, cc.cache.generation);
    put('k1', cred('key_1', 'con_1'), { keyId: 'key_1', actorId: 'con_1' });
    put('k2', cred('key_2', 'con_2'), { keyId: 'key_2', actorId: 'con_2' });
    put('neg', no);
  });
  const alive = () => ['k1', 'k2', 'neg'].filter((h) => cc.cache.get(h) !== undefined);

  it('a subscription change drops its consumer and every refusal', () => {
    cc.onEvent(
      event('consumer.subscription.approved', { consumerId: 'con_2', subscriptionId: 's' }),
    );
    expect(alive()).toEqual(['k1']);
  });

  it('a rotated key drops that key only (plus refusals)', () => {
    cc.onEvent(event('consumer.key.rotated', { keyId: 'key_1', consumerId: 'con_1' }));
    expect(alive()).toEqual(['k2']);
  });

  it('a plan or tenant change drops everything', () => {
    cc.onEvent(event('consumer.plan.updated', { planId: 'pln', name: 'x', changes: [] }));
    expect(alive()).toEqual([]);
  });

  it('a revoked token id stays barred until the token would have expired', () => {
    const exp = Date.now() + 60_000;
    cc.onEvent(
      event('consumer.token.revoked', {
        jti: 'j1',
        clientId: 'c',
        expiresAt: new Date(exp).toISOString(),
      }),
    );
    expect(cc.isRevoked('j1')).toBe(true);
    expect(cc.isRevoked('j2')).toBe(false);
    expect(cc.isRevoked('j1', exp + 1)).toBe(false);
  });
});
