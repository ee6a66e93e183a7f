import { waitFor } from '@portico/testing';
import { approvedConsumer, email, type Harness, startHarness } from './support';

describe('security: tenants, roles, BOLA, brute force, secrets', () => {
  let h: Harness;
  /** Tenant A's admin, and two `user`s of tenant A. */
  let adminA: string;
  let userA1: string;
  let userA2: string;
  let tenantA: string;

  async function createUser(admin: string, role: string): Promise<string> {
    const u = await h.as(admin).post('/api/v1/users', { email: email(role), name: role, role });
    expect(u.status).toBe(201);
    const k = await h.as(admin).post(`/api/v1/users/${u.body.data.id}/keys`, { name: 'k' });
    expect(k.status).toBe(201);
    return k.body.data.key;
  }

  beforeAll(async () => {
    h = await startHarness({
      AUTH_LOCKOUT_THRESHOLD: '5',
      AUTH_LOCKOUT_IP_THRESHOLD: '5',
      AUTH_LOCKOUT_SECONDS: '30',
    });
    const created = await h.admin.post('/api/v1/tenants', {
      name: 'Tenant A',
      slug: `tenant-a-${Date.now().toString(36)}`,
      admin: { email: email('admin'), name: 'A admin' },
    });
    expect(created.status).toBe(201);
    tenantA = created.body.data.tenant.id;
    adminA = created.body.data.adminKey.key;
    userA1 = await createUser(adminA, 'user');
    userA2 = await createUser(adminA, 'user');
  });
  afterAll(() => h.close());

  it('creates tenants with a first admin whose key works only in that tenant', async () => {
    const me = await h.as(adminA).get('/api/v1/users/me');
    expect(me.body.data).toMatchObject({ tenantId: tenantA, role: 'admin' });
    const tenants = await h.as(adminA).get('/api/v1/tenants');
    expect(tenants.body.data.map((t: { id: string }) => t.id)).toEqual([tenantA]);
    expect((await h.as(adminA).get('/api/v1/tenants/ten_default')).status).toBe(404);
    // Only operators (admins of the default tenant) create tenants.
    const denied = await h.as(adminA).post('/api/v1/tenants', {
      name: 'B',
      slug: 'b',
      admin: { email: email(), name: 'b' },
    });
    expect(denied.status).toBe(403);
    const all = await h.admin.get('/api/v1/tenants');
    expect(all.body.data.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['ten_default', tenantA]),
    );
  });

  it("gives a user of tenant A 404 for tenant B's consumer and for another user's consumer key", async () => {
    const inDefault = await approvedConsumer(h.admin);
    const other = await h.as(userA1).get(`/api/v1/consumers/${inDefault}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await h.as(adminA).get(`/api/v1/consumers/${inDefault}`)).status).toBe(404);
    expect((await h.as(adminA).get(`/api/v1/consumers/${inDefault}/keys`)).status).toBe(404);

    const owned = await h.as(userA2).post('/api/v1/consumers', { name: 'mine', email: email() });
    expect(owned.body.data).toMatchObject({ status: 'pending', tenantId: tenantA });
    const key = await h.as(userA2).post(`/api/v1/consumers/${owned.body.data.id}/keys`, {
      name: 'k',
    });
    expect(key.status).toBe(201);
    const path = `/api/v1/consumers/${owned.body.data.id}/keys/${key.body.data.id}`;
    expect((await h.as(userA2).get(path)).status).toBe(200);
    expect((await h.as(userA1).get(path)).status).toBe(404);
    expect((await h.as(userA1).delete(path)).status).toBe(404);
    expect((await h.as(userA1).get(`/api/v1/keys/${key.body.data.id}`)).status).toBe(404);
    const listed = await h.as(userA1).get('/api/v1/consumers');
    expect(listed.body.data).toEqual([]);
    // The tenant's admin sees it; a user cannot approve.
    expect((await h.as(adminA).get(path)).status).toBe(200);
    expect(
      (await h.as(userA2).post(`/api/v1/consumers/${owned.body.data.id}/approve`)).status,
    ).toBe(403);
  });

  it('keeps auditors read-only and consumers out of the management API', async () => {
    const auditor = await createUser(adminA, 'auditor');
    expect((await h.as(auditor).get('/api/v1/consumers')).status).toBe(200);
    expect((await h.as(auditor).post('/api/v1/plans', { name: 'x' })).status).toBe(403);
    expect(
      (await h.as(auditor).post('/api/v1/consumers', { name: 'x', email: email() })).status,
    ).toBe(403);
    const consumer = await approvedConsumer(h.as(adminA));
    const ck = await h.as(adminA).post(`/api/v1/consumers/${consumer}/keys`, { name: 'c' });
    const asConsumer = h.as(ck.body.data.key);
    expect((await asConsumer.get('/api/v1/consumers')).status).toBe(403);
    expect((await asConsumer.get(`/api/v1/consumers/${consumer}`)).status).toBe(200);
    expect((await asConsumer.get('/api/v1/users')).status).toBe(403);
  });

  it('locks out a key id after repeated wrong secrets, and a client IP after repeated unknown keys', async () => {
    const consumer = await approvedConsumer(h.admin);
    const { body } = await h.admin.post(`/api/v1/consumers/${consumer}/keys`, { name: 'target' });
    const key: string = body.data.key;
    const forged = `${body.data.prefix}_${'A'.repeat(40)}`;
    for (let i = 0; i < 5; i++) {
      expect(await h.verify(forged, `198.51.100.${i + 1}`)).toMatchObject({ reason: 'unknown' });
    }
    // Even the right secret is refused while the key id is locked.
    const locked = await h.verify(key, '203.0.113.50');
    expect(locked).toMatchObject({ valid: false, reason: 'locked_out' });
    expect(locked.cacheTtlSeconds).toBeGreaterThan(0);
    expect(locked.cacheTtlSeconds).toBeLessThanOrEqual(30);

    const other = await h.admin.post(`/api/v1/consumers/${consumer}/keys`, { name: 'other' });
    for (let i = 0; i < 5; i++) {
      await h.verify(`pk_live_01J0000000000000000000000${i}_${'B'.repeat(40)}`, '192.0.2.66');
    }
    expect(await h.verify(other.body.data.key, '192.0.2.66')).toMatchObject({
      reason: 'locked_out',
    });
    expect((await h.verify(other.body.data.key, '192.0.2.67')).valid).toBe(true);
  });

  it('never writes keys or secrets to the logs', async () => {
    const consumer = await approvedConsumer(h.admin);
    const k = await h.admin.post(`/api/v1/consumers/${consumer}/keys`, { name: 'log' });
    const c = await h.admin.post(`/api/v1/consumers/${consumer}/oauth-clients`, { name: 'log' });
    await h.as(k.body.data.key).get('/api/v1/keys');
    await h.app.client.post('/oauth/token', undefined, {
      raw: `grant_type=client_credentials&client_id=${c.body.data.clientId}&client_secret=${c.body.data.clientSecret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await waitFor(() => h.app.logs.length > 0);
    const logs = JSON.stringify(h.app.logs);
    for (const secret of [
      k.body.data.key,
      k.body.data.key.slice(-40),
      c.body.data.clientSecret,
      adminA,
      'pk_bootstrap_admin_key_for_tests_0001',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
