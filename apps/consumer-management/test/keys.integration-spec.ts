import { newUlid } from '@portico/contracts';
import { startTestApp, waitFor } from '@portico/testing';
import { Secrets } from '../src/common/secrets';
import { CredentialsRepository } from '../src/credentials/credentials.repository';
import { CredentialsService } from '../src/credentials/credentials.service';
import { consumerManagementService } from '../src/service';
import {
  approvedConsumer,
  BOOTSTRAP_KEY,
  eventOf,
  type Harness,
  SECRET_KEY,
  startHarness,
} from './support';

describe('API keys', () => {
  let h: Harness;
  let consumerId: string;

  beforeAll(async () => {
    h = await startHarness();
    consumerId = await approvedConsumer(h.admin);
  });
  afterAll(() => h.close());

  it('shows the full key once; lists, gets and the database never hold it', async () => {
    const created = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'ci',
      scopes: ['orders:read'],
    });
    expect(created.status).toBe(201);
    const { id, key } = created.body.data;
    expect(key).toMatch(/^pk_live_[0-9A-Z]{26}_[0-9A-Za-z]{40}$/);
    expect(key.startsWith(created.body.data.prefix)).toBe(true);
    const secret = key.slice(key.lastIndexOf('_') + 1);

    const got = await h.admin.get(`/api/v1/consumers/${consumerId}/keys/${id}`);
    const list = await h.admin.get(`/api/v1/consumers/${consumerId}/keys`);
    for (const text of [got.text, list.text]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('"key"');
    }
    expect(got.body.data.masked).toBe(`${created.body.data.prefix}_****`);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(id);

    const row = await h.db.apiKey.findUniqueOrThrow({ where: { id } });
    const stored = JSON.stringify(row, (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
    );
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
    expect(Buffer.from(row.secretHash)).toHaveLength(32);

    const ok = await h.verify(key);
    expect(ok).toMatchObject({
      valid: true,
      principal: { role: 'consumer', consumerId, keyId: id, scopes: ['orders:read'] },
    });
    const wrongSecret = await h.verify(`${created.body.data.prefix}_${'x'.repeat(40)}`);
    expect(wrongSecret).toMatchObject({ valid: false, reason: 'unknown' });
    await eventOf(h, 'consumer.key.created', id);
  });

  it('rejects revoked keys at once, over NATS and in this service', async () => {
    const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, { name: 'gone' });
    const { id, key } = body.data;
    expect((await h.as(key).get('/api/v1/keys')).status).toBe(200);
    const revoked = await h.admin.delete(`/api/v1/consumers/${consumerId}/keys/${id}`);
    expect(revoked.body.data.status).toBe('revoked');
    expect(await h.verify(key)).toMatchObject({ valid: false, reason: 'revoked' });
    await eventOf(h, 'consumer.key.revoked', id);
    // The guard's cache is dropped by the event.
    await waitFor(async () => (await h.as(key).get('/api/v1/keys')).status === 401);
  });

  it('rejects expired keys and caps the cache TTL at the expiry', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'short',
      expiresAt: soon,
    });
    const first = await h.verify(body.data.key);
    expect(first.valid).toBe(true);
    expect(first.cacheTtlSeconds).toBeLessThanOrEqual(1);
    await waitFor(async () => (await h.verify(body.data.key)).valid === false, { timeoutMs: 5000 });
    expect(await h.verify(body.data.key)).toMatchObject({ reason: 'expired' });

    const past = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'past',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
  });

  it('accepts a key only from its allowed IP ranges', async () => {
    const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'office',
      allowedIps: ['203.0.113.0/24', '2001:db8::1'],
    });
    expect(body.data.allowedIps).toEqual(['203.0.113.0/24', '2001:db8::1/128']);
    expect((await h.verify(body.data.key, '203.0.113.9')).valid).toBe(true);
    expect((await h.verify(body.data.key, '::ffff:203.0.113.9')).valid).toBe(true);
    expect(await h.verify(body.data.key, '198.51.100.7')).toMatchObject({
      valid: false,
      reason: 'ip_not_allowed',
    });
    expect(await h.verify(body.data.key)).toMatchObject({ reason: 'ip_not_allowed' });
    const bad = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'bad',
      allowedIps: ['10.0.0.0/33'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('allowedIps.0');
  });

  it('rotates: the new key works, the old one until the grace period ends', async () => {
    const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'rotating',
      scopes: ['a'],
    });
    const old = body.data;
    const rotated = await h.admin.post(`/api/v1/consumers/${consumerId}/keys/${old.id}/rotate`, {
      gracePeriodSeconds: 2,
    });
    expect(rotated.status).toBe(201);
    const { previous, current } = rotated.body.data;
    expect(previous.replacedById).toBe(current.id);
    expect(current.key).not.toBe(old.key);
    expect(current.scopes).toEqual(['a']);
    expect((await h.verify(current.key)).valid).toBe(true);
    const during = await h.verify(old.key);
    expect(during.valid).toBe(true);
    expect(during.cacheTtlSeconds).toBeLessThanOrEqual(2);
    await waitFor(async () => (await h.verify(old.key)).valid === false, { timeoutMs: 6000 });
    expect(await h.verify(old.key)).toMatchObject({ reason: 'expired' });
    expect((await h.verify(current.key)).valid).toBe(true);
    const event = await eventOf(h, 'consumer.key.rotated', old.id);
    expect(event.data).toMatchObject({ newKeyId: current.id, graceUntil: previous.expiresAt });
    const again = await h.admin.post(`/api/v1/consumers/${consumerId}/keys/${old.id}/rotate`, {});
    expect(again.status).toBe(409);
  });

  it('serves the seed-compatible /api/v1/keys for the caller: { name, permissions } in, { id, key } out', async () => {
    const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, { name: 'self' });
    const consumer = h.as(body.data.key);
    const created = await consumer.post('/api/v1/keys', {
      name: 'mine',
      permissions: ['read', 'write'],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual(
      expect.objectContaining({ id: expect.stringMatching(/^key_/), key: expect.any(String) }),
    );
    expect(created.body.data.consumerId).toBe(consumerId);
    expect(created.body.data.scopes).toEqual(['read', 'write']);
    const mine = await consumer.get('/api/v1/keys');
    expect(mine.body.data.map((k: { id: string }) => k.id)).toEqual(
      expect.arrayContaining([body.data.id, created.body.data.id]),
    );
    expect(mine.body.pagination.total).toBeGreaterThanOrEqual(2);
    // lastUsedAt reflects verifications (the guard just verified `body.data.key`).
    const self = mine.body.data.find((k: { id: string }) => k.id === body.data.id);
    expect(self.lastUsedAt).not.toBeNull();

    // An admin's own keys: user keys with the admin's role.
    const adminKey = await h.admin.post('/api/v1/keys', { name: 'admin script' });
    expect(adminKey.body.data.userId).toBe('usr_bootstrap');
    const verified = await h.verify(adminKey.body.data.key);
    expect(verified).toMatchObject({
      valid: true,
      principal: { role: 'admin', tenantId: 'ten_default', actorId: 'usr_bootstrap' },
      plan: null,
    });
    expect((await h.as(adminKey.body.data.key).get('/api/v1/plans')).status).toBe(200);
  });

  it("drops another instance's cached key records when a revocation is announced", async () => {
    const other = await startTestApp(consumerManagementService, {
      DATABASE_URL: h.schema.url,
      PORTICO_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
      PORTICO_SECRET_KEY: SECRET_KEY,
    });
    try {
      await other.waitUntilReady();
      const verifier = other.service.app.get(CredentialsService);
      const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, { name: 'x' });
      const request = { type: 'apiKey' as const, key: body.data.key };
      expect((await verifier.verify(request)).valid).toBe(true); // now cached over there
      await h.admin.delete(`/api/v1/consumers/${consumerId}/keys/${body.data.id}`);
      await waitFor(async () => !(await verifier.verify(request)).valid);
      expect(await verifier.verify(request)).toMatchObject({ reason: 'revoked' });
    } finally {
      await other.close();
    }
  });

  it('does the same work for an unknown key id as for a wrong secret (no timing oracle)', async () => {
    const repo = h.app.service.app.get(CredentialsRepository);
    const secrets = h.app.service.app.get(Secrets);
    const verifier = h.app.service.app.get(CredentialsService);
    // White box: a consumer.* event arriving mid-measurement empties the record cache; then the
    // measurement is repeated with a fresh key.
    const cacheGeneration = () => (verifier as any).keys.generation as number;
    const lookups = jest.spyOn(repo, 'findKey');
    const macs = jest.spyOn(secrets, 'hashApiKey');
    const work = async (makeKey: () => Promise<string>) => {
      for (;;) {
        const key = await makeKey();
        lookups.mockClear();
        macs.mockClear();
        const generation = cacheGeneration();
        // First check: one database lookup; second: served from memory.
        const replies = [
          await verifier.verify({ type: 'apiKey', key }),
          await verifier.verify({ type: 'apiKey', key }),
        ];
        if (cacheGeneration() !== generation) continue;
        return { replies, lookups: lookups.mock.calls.length, macs: macs.mock.calls.length };
      }
    };
    try {
      const wrongSecret = await work(async () => {
        const { body } = await h.admin.post(`/api/v1/consumers/${consumerId}/keys`, { name: 't' });
        await eventOf(h, 'consumer.key.created', body.data.id);
        return `${body.data.prefix}_${'W'.repeat(40)}`;
      });
      const unknownId = await work(async () => `pk_live_${newUlid()}_${'W'.repeat(40)}`);
      expect(wrongSecret).toEqual(unknownId);
      expect(unknownId).toEqual({
        replies: [
          expect.objectContaining({ reason: 'unknown' }),
          expect.objectContaining({ reason: 'unknown' }),
        ],
        lookups: 1,
        macs: 2,
      });
    } finally {
      lookups.mockRestore();
      macs.mockRestore();
    }
  });
});
