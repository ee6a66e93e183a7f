import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AuthPolicy } from '@portico/contracts';
import { TEST_ROUTES_FILE } from './fixtures/routes-file';
import {
  createTestSchema,
  spawnAppMain,
  startTestApp,
  TEST_NATS_NAMESPACE,
  TestClient,
  type TestApp,
  type TestSchema,
  waitFor,
} from '@portico/testing';
import type { GatewayConfig } from '../src/config';
import { type AuthResult, AUTHENTICATOR, type Authenticator } from '../src/pipeline/contracts';
import { gatewayService } from '../src/service';
import { request, route } from './support/requests';

const ADMIN_KEY = 'pk_bootstrap_admin_key_for_gateway_tests';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const policy = (type: AuthPolicy['type'], scopes: string[] = []): AuthPolicy => ({
  type,
  scopes,
  allowQueryKey: false,
  requireSubscription: false,
});

/**
 * The gateway against the real consumer-management (its own process, its own schema, same NATS
 * namespace): real keys, real events, real ES256 tokens from its JWKS.
 */
describe('gateway auth against the real consumer-management', () => {
  let schema: TestSchema;
  let child: ChildProcess;
  let cm: TestClient;
  let admin: TestClient;
  let issuer: string;
  let gateway: TestApp<GatewayConfig>;
  let auth: Authenticator;
  let tenantId: string;
  let consumerId: string;

  const tenantRoute = (p: AuthPolicy) => route({ auth: p }, { tenantId });
  const run = async (req: ReturnType<typeof request>): Promise<AuthResult> =>
    auth.authenticate(req);

  beforeAll(async () => {
    schema = await createTestSchema('consumers');
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    child = spawnAppMain('consumer-management', {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: schema.url,
      NATS_URL: 'nats://127.0.0.1:4222',
      PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
      OAUTH_ISSUER: issuer,
    });
    child.stderr?.resume();
    child.stdout?.resume();
    cm = new TestClient(issuer);
    await waitFor(async () => (await cm.get('/health/ready')).status === 200, {
      timeoutMs: 60_000,
      intervalMs: 200,
      what: 'consumer-management to be ready',
    });
    admin = cm.withHeaders({ 'x-api-key': ADMIN_KEY });
    gateway = await startTestApp(gatewayService, {
      GATEWAY_JWT_PORTICO_ISSUER: issuer,
      GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE,
    });
    await gateway.waitUntilReady();
    auth = gateway.service.app.get<Authenticator>(AUTHENTICATOR);

    const created = await admin.post('/api/v1/consumers', {
      name: 'Gateway test app',
      email: `gw-${Date.now()}@example.com`,
    });
    expect(created.status).toBe(201);
    consumerId = created.body.data.id;
    tenantId = created.body.data.tenantId;
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await schema?.drop();
  });

  it('accepts a real key and refuses it within one second of its revocation', async () => {
    const res = await admin.post(`/api/v1/consumers/${consumerId}/keys`, {
      name: 'gw',
      scopes: ['orders:read'],
    });
    expect(res.status).toBe(201);
    const { key, id } = res.body.data as { key: string; id: string };
    const req = () =>
      request(tenantRoute(policy('apiKey', ['orders:read'])), { headers: { 'x-api-key': key } });
    const ok = await run(req());
    expect(ok).toMatchObject({ ok: true, identity: { consumerId, keyId: id, via: 'apiKey' } });

    // The event subscription is live once a NATS round trip has happened; the answer is cached.
    const revoked = await admin.delete(`/api/v1/consumers/${consumerId}/keys/${id}`);
    expect(revoked.status).toBeLessThan(300);
    const accepted = Date.now();
    const refused = await waitFor(
      async () => {
        const r = await run(req());
        return r.ok ? null : r;
      },
      { timeoutMs: 5_000, intervalMs: 10, what: 'the revoked key to be refused' },
    );
    // The issue's bound: refused within one second of consumer-management accepting the revocation.
    expect(Date.now() - accepted).toBeLessThan(1_000);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it("verifies consumer-management's access tokens against its JWKS, and honours revocation", async () => {
    const created = await admin.post(`/api/v1/consumers/${consumerId}/oauth-clients`, {
      name: 'backend',
      scopes: ['orders:read', 'orders:write'],
    });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body.data as {
      clientId: string;
      clientSecret: string;
    };
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const form = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const tokenRes = await cm.post('/oauth/token', undefined, {
      raw: form({ grant_type: 'client_credentials', scope: 'orders:read' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    });
    expect(tokenRes.status).toBe(200);
    const token = tokenRes.body.access_token as string;
    const bearer = (p: AuthPolicy) =>
      request(tenantRoute(p), { headers: { authorization: `Bearer ${token}` } });

    expect(await run(bearer(policy('jwt', ['orders:read'])))).toMatchObject({
      ok: true,
      identity: { consumerId, keyId: clientId, scopes: ['orders:read'], via: 'jwt' },
    });
    expect(await run(bearer(policy('jwt', ['orders:write'])))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await run(bearer(policy('oauth2')))).toMatchObject({
      ok: true,
      identity: { consumerId, via: 'oauth2' },
    });

    const revoke = await cm.post('/oauth/revoke', undefined, {
      raw: form({ token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    });
    expect(revoke.status).toBe(200);
    for (const p of [policy('jwt'), policy('oauth2')]) {
      await waitFor(
        async () => {
          const r = await run(bearer(p));
          return !r.ok && r.status === 401;
        },
        { timeoutMs: 5_000, intervalMs: 10, what: `the revoked token to be refused (${p.type})` },
      );
    }
  });
});
