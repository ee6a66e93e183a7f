import { CredentialsDouble, startTestApp, type TestApp, waitFor } from '@portico/testing';
import { demoService } from './demo.module';

const BOOTSTRAP = 'pk_admin_bootstrap_for_tests_0001';

describe('platform: authentication and roles', () => {
  let app: TestApp;
  let creds: CredentialsDouble;

  beforeAll(async () => {
    creds = await CredentialsDouble.start();
    app = await startTestApp(demoService, { PORTICO_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP });
    await app.waitUntilReady();
  });
  afterAll(async () => {
    await app.close();
    await creds.stop();
  });

  it('refuses a request without a key: 401 with WWW-Authenticate', async () => {
    const res = await app.client.get('/api/v1/secure/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('www-authenticate')).toContain('ApiKey');
  });

  it('accepts the bootstrap admin key as an admin of the default tenant', async () => {
    const res = await app.client.get('/api/v1/secure/me', { headers: { 'x-api-key': BOOTSTRAP } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      tenantId: 'ten_default',
      role: 'admin',
      via: 'bootstrap',
    });
  });

  it('verifies other keys with consumer-management over NATS and caches the answer', async () => {
    const key = creds.addKey('pk_test_user_aaaaaaaa', { role: 'user', tenantId: 'ten_a' });
    const before = creds.requests.length;
    for (let i = 0; i < 3; i++) {
      const res = await app.client.get('/api/v1/secure/me', {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ tenantId: 'ten_a', role: 'user' });
    }
    expect(creds.requests.length - before).toBe(1);
  });

  it('answers 403 when the caller lacks the role, 401 for unknown keys', async () => {
    const key = creds.addKey('pk_test_user_bbbbbbbb', { role: 'user' });
    const forbidden = await app.client.get('/api/v1/secure/admin-only', {
      headers: { 'x-api-key': key },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const unknown = await app.client.get('/api/v1/secure/me', {
      headers: { 'x-api-key': 'pk_nope_nope_nope' },
    });
    expect(unknown.status).toBe(401);
  });

  it('drops cached answers when consumer-management announces a revocation', async () => {
    const key = creds.addKey('pk_test_user_cccccccc', { role: 'admin', tenantId: 'ten_b' });
    expect(
      (await app.client.get('/api/v1/secure/me', { headers: { 'x-api-key': key } })).status,
    ).toBe(200);
    creds.removeKey(key);
    // Still cached: revocation events are what make it take effect immediately.
    expect(
      (await app.client.get('/api/v1/secure/me', { headers: { 'x-api-key': key } })).status,
    ).toBe(200);
    await creds.publishEvent('consumer.key.revoked', {
      keyId: 'key_cccccccc',
      consumerId: 'con_1',
      prefix: 'pk',
    });
    await waitFor(
      async () =>
        (await app.client.get('/api/v1/secure/me', { headers: { 'x-api-key': key } })).status ===
        401,
    );
  });

  it('marks public operations without security in the OpenAPI document', async () => {
    const doc = (await app.client.get('/docs-json')).body;
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/health/ready'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/secure/me'].get.security).toBeUndefined();
  });
});
