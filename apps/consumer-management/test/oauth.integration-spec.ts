import { RpcSubject, type TokenIntrospection } from '@portico/contracts';
import { waitFor } from '@portico/testing';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { SigningKeys } from '../src/oauth/signing-keys.service';
import { approvedConsumer, eventOf, type Harness, startHarness } from './support';

const ISSUER = 'https://auth.portico.test';

function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

describe('OAuth 2.0 client credentials', () => {
  let h: Harness;
  let consumerId: string;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    h = await startHarness({ OAUTH_ISSUER: ISSUER, OAUTH_AUDIENCE: 'portico-apis' });
    consumerId = await approvedConsumer(h.admin);
    const res = await h.admin.post(`/api/v1/consumers/${consumerId}/oauth-clients`, {
      name: 'backend',
      scopes: ['orders:read', 'orders:write'],
    });
    expect(res.status).toBe(201);
    client = res.body.data;
  });
  afterAll(() => h.close());

  function post(
    path: string,
    params: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    return h.app.client.post(path, undefined, {
      raw: form(params),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async function token(scope?: string): Promise<string> {
    const res = await post(
      '/oauth/token',
      { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(res.status).toBe(200);
    return res.body.access_token;
  }

  it('stores only an HMAC of the client secret and shows it once', async () => {
    expect(client.clientSecret).toMatch(/^pcs_[0-9A-Za-z]{48}$/);
    const row = await h.db.oAuthClient.findUniqueOrThrow({ where: { id: client.clientId } });
    expect(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? '[bytes]' : v))).not.toContain(
      client.clientSecret.slice(4),
    );
    const got = await h.admin.get(
      `/api/v1/consumers/${consumerId}/oauth-clients/${client.clientId}`,
    );
    expect(got.text).not.toContain(client.clientSecret);
  });

  it('issues RFC 9068 JWTs that verify against the published JWKS with a standard library', async () => {
    const res = await post(
      '/oauth/token',
      { grant_type: 'client_credentials', scope: 'orders:read' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'orders:read',
    });

    const jwks = await h.app.client.get('/.well-known/jwks.json');
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await jwtVerify(
      res.body.access_token,
      createLocalJWKSet(jwks.body),
      { issuer: ISSUER, audience: 'portico-apis', typ: 'at+jwt' },
    );
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      scope: 'orders:read',
      tenant_id: 'ten_default',
      consumer_id: consumerId,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.jti).toEqual(expect.any(String));

    const meta = await h.app.client.get('/.well-known/oauth-authorization-server');
    expect(meta.body).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ISSUER}/oauth/token`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
    });
  });

  it('authenticates by client_secret_post too; refuses bad clients, grants and scopes', async () => {
    const viaBody = await post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(viaBody.status).toBe(200);
    expect(viaBody.body.scope).toBe('orders:read orders:write');

    const wrong = await post(
      '/oauth/token',
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, 'pcs_wrong') },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);

    const unknown = await post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: 'cli_01J00000000000000000000000',
      client_secret: 'x',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');

    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    const grant = await post('/oauth/token', { grant_type: 'password' }, auth);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const scope = await post(
      '/oauth/token',
      { grant_type: 'client_credentials', scope: 'admin' },
      auth,
    );
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');
    const both = await post(
      '/oauth/token',
      { grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'x' },
      auth,
    );
    expect(both.body.error).toBe('invalid_request');
  });

  it('introspects active, expired and revoked tokens (REST and NATS)', async () => {
    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    const active = await token();
    const res = await post('/oauth/introspect', { token: active }, auth);
    expect(res.body).toMatchObject({
      active: true,
      client_id: client.clientId,
      consumer_id: consumerId,
      tenant_id: 'ten_default',
      iss: ISSUER,
    });
    const viaNats = await h.nats.request<TokenIntrospection>(RpcSubject.tokenIntrospect, {
      token: active,
    });
    expect(viaNats).toMatchObject({ active: true, jti: res.body.jti });

    // Expired: signed with the service's real key, but past its exp.
    const { kid, key } = await h.app.service.app.get(SigningKeys).current();
    const expired = await new SignJWT({
      client_id: client.clientId,
      scope: '',
      tenant_id: 'ten_default',
      consumer_id: consumerId,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(ISSUER)
      .setAudience('portico-apis')
      .setSubject(client.clientId)
      .setJti('01JEXPIRED0000000000000000')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key);
    expect((await post('/oauth/introspect', { token: expired }, auth)).body).toEqual({
      active: false,
    });
    expect((await post('/oauth/introspect', { token: 'not.a.jwt' }, auth)).body).toEqual({
      active: false,
    });

    const revoked = await post('/oauth/revoke', { token: active }, auth);
    expect(revoked.status).toBe(200);
    expect((await post('/oauth/introspect', { token: active }, auth)).body).toEqual({
      active: false,
    });
    expect(
      await h.nats.request<TokenIntrospection>(RpcSubject.tokenIntrospect, { token: active }),
    ).toEqual({ active: false });
    await eventOf(h, 'consumer.token.revoked', res.body.jti);
    // Revoking garbage is not an error (RFC 7009 §2.2).
    expect((await post('/oauth/revoke', { token: 'garbage' }, auth)).status).toBe(200);
    expect((await post('/oauth/introspect', { token: active })).status).toBe(401);
  });

  it('accepts its access tokens as Bearer credentials and drops them when the client is revoked', async () => {
    const access = await token('orders:read');
    const reply = await h.verify(access);
    expect(reply).toMatchObject({
      valid: true,
      principal: { role: 'consumer', consumerId, keyId: client.clientId, via: 'jwt' },
    });
    const me = await h.app.client.get('/api/v1/consumers/me', {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(me.body.data.id).toBe(consumerId);

    const other = await h.admin.post(`/api/v1/consumers/${consumerId}/oauth-clients`, {
      name: 'to revoke',
    });
    const auth = { authorization: basic(other.body.data.clientId, other.body.data.clientSecret) };
    const t = await post('/oauth/token', { grant_type: 'client_credentials' }, auth);
    await h.admin.delete(
      `/api/v1/consumers/${consumerId}/oauth-clients/${other.body.data.clientId}`,
    );
    expect((await post('/oauth/token', { grant_type: 'client_credentials' }, auth)).status).toBe(
      401,
    );
    expect((await h.verify(t.body.access_token)).valid).toBe(false);
    expect(
      await h.nats.request(RpcSubject.credentialsVerify, {
        type: 'oauthClient',
        clientId: other.body.data.clientId,
      }),
    ).toMatchObject({ valid: false, reason: 'revoked' });
    expect(
      await h.nats.request(RpcSubject.credentialsVerify, {
        type: 'oauthClient',
        clientId: client.clientId,
      }),
    ).toMatchObject({ valid: true, principal: { consumerId, via: 'jwt' } });
  });

  it('rotates signing keys; the old key stays published so its tokens keep verifying', async () => {
    const before = await token();
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await h.admin.post('/api/v1/oauth/signing-keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.data.kid).not.toBe(oldKid);
    const after = await token();
    expect(decodeProtectedHeader(after).kid).toBe(rotated.body.data.kid);

    const jwks = (await h.app.client.get('/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, rotated.body.data.kid]),
    );
    const set = createLocalJWKSet(jwks);
    await expect(jwtVerify(before, set, { issuer: ISSUER })).resolves.toBeDefined();
    await expect(jwtVerify(after, set, { issuer: ISSUER })).resolves.toBeDefined();
    const list = await h.admin.get('/api/v1/oauth/signing-keys');
    const old = list.body.data.find((k: { kid: string }) => k.kid === oldKid);
    expect(old.retiredAt).not.toBeNull();
    // Published until the last token it signed has expired (TTL plus a margin).
    expect(
      new Date(old.publishUntil).getTime() - new Date(old.retiredAt).getTime(),
    ).toBeGreaterThanOrEqual(3600_000);
    const encrypted = await h.db.signingKey.findUniqueOrThrow({ where: { id: oldKid! } });
    expect(Buffer.from(encrypted.privateKeyEncrypted).toString('utf8')).not.toContain('"d"');
  });

  it('refuses tokens to clients of consumers that are not approved', async () => {
    const pending = await h.app.client.post('/api/v1/signup', {
      name: 'P',
      email: `p-${Date.now()}@example.com`,
    });
    const consumer = pending.body.data.consumer;
    const c = await h.admin.post(`/api/v1/consumers/${consumer.id}/oauth-clients`, { name: 'x' });
    const res = await post(
      '/oauth/token',
      { grant_type: 'client_credentials' },
      { authorization: basic(c.body.data.clientId, c.body.data.clientSecret) },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
    await waitFor(() => h.events.some((e) => e.type === 'consumer.oauth_client.created'));
  });
});
