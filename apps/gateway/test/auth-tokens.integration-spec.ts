import type { AuthPolicy } from '@portico/contracts';
import { waitFor } from '@portico/testing';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { AuthResult } from '../src/pipeline/contracts';
import { type AuthRig, startAuthRig } from './support/auth-app';
import { ConsumerDouble } from './support/consumer-double';
import { JwksServer, sign, signingKey, type SigningKey, unsecured } from './support/jwks-server';
import { GOLD, request, route, verified } from './support/requests';

const ISSUER = 'https://consumers.portico.test';
const EXTERNAL = 'https://idp.example.test/';

const policy = (type: AuthPolicy['type'], over: Partial<AuthPolicy> = {}): AuthPolicy => ({
  type,
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

describe('gateway auth: JWT bearer tokens (JWKS) and OAuth2 introspection', () => {
  let double: ConsumerDouble;
  let jwks: JwksServer;
  let rig: AuthRig;
  let portico: SigningKey;
  let external: SigningKey;
  let jtiSeq = 0;
  let priv: JWK;

  const porticoToken = (
    over: Record<string, unknown> = {},
    opts: Partial<Parameters<typeof sign>[2]> = {},
  ) =>
    sign(
      portico,
      {
        client_id: 'cli_1',
        tenant_id: 'ten_a',
        consumer_id: 'con_c1',
        scope: 'orders:read orders:write',
        sub: 'cli_1',
        jti: `jti_${++jtiSeq}`,
        ...over,
      },
      { iss: ISSUER, aud: 'portico', typ: 'at+jwt', ...opts },
    );
  const bearer = (token: string, p = policy('jwt'), over = {}) =>
    request(route({ auth: p }, over), { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    [double, jwks, portico, external] = await Promise.all([
      ConsumerDouble.start(),
      JwksServer.start(),
      signingKey('ES256', 'cm-1'),
      signingKey('RS256', 'idp-1'),
    ]);
    jwks.sets.set('portico', [portico.jwk]);
    // A second IdP key published without `alg` (see the allow-list test).
    const anyAlg = await generateKeyPair('PS256', { extractable: true });
    priv = await exportJWK(anyAlg.privateKey);
    jwks.sets.set('idp', [
      external.jwk,
      { ...(await exportJWK(anyAlg.publicKey)), kid: 'idp-any', use: 'sig' },
    ]);
    double.clients.set(
      'cli_1',
      verified({
        keyId: 'cli_1',
        consumerId: 'con_c1',
        scopes: ['orders:read', 'orders:write', 'x'],
      }),
    );
    rig = await startAuthRig(double, {
      GATEWAY_JWT_PORTICO_ISSUER: ISSUER,
      GATEWAY_JWT_PORTICO_JWKS_URL: jwks.jwksUrl('portico'),
      GATEWAY_JWT_ISSUERS: JSON.stringify([
        {
          issuer: EXTERNAL,
          jwksUri: jwks.jwksUrl('idp'),
          audience: 'orders-api',
          algorithms: ['RS256'],
          tenantId: 'ten_a',
          scopeClaim: 'scp',
        },
      ]),
    });
  });
  afterAll(async () => {
    await rig?.close();
    await Promise.all([double?.stop(), jwks?.close()]);
  });

  it("accepts consumer-management's token: scopes from the token, plan from the client", async () => {
    const token = await porticoToken({ scope: 'orders:read' });
    const id = identity(await rig.run(bearer(token, policy('jwt', { scopes: ['orders:read'] }))));
    expect(id).toEqual({
      tenantId: 'ten_a',
      consumerId: 'con_c1',
      keyId: 'cli_1',
      scopes: ['orders:read'],
      planId: GOLD.planId,
      rateLimitPerMinute: GOLD.rateLimitPerMinute,
      quotaPerMonth: GOLD.quotaPerMonth,
      via: 'jwt',
    });
    // The client's own scope `x` is not the token's: the token's scopes decide.
    const r = refusal(await rig.run(bearer(token, policy('jwt', { scopes: ['x'] }))));
    expect(r).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(r.headers?.['www-authenticate']).toBe(
      'Bearer realm="portico", error="insufficient_scope", scope="x"',
    );
    // Verified once; afterwards from the cache, synchronously.
    expect(rig.auth.authenticate(bearer(token))).not.toBeInstanceOf(Promise);
  });

  it('answers 401 with a Bearer challenge when no token is sent', async () => {
    const r = refusal(await rig.run(request(route({ auth: policy('jwt') }))));
    expect(r.status).toBe(401);
    expect(r.headers?.['www-authenticate']).toBe('Bearer realm="portico"');
  });

  it('refuses expired, not-yet-valid, wrong-audience, wrong-issuer and tampered tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      await porticoToken({}, { exp: now - 120 }),
      await porticoToken({}, { nbf: now + 600 }),
      await porticoToken({}, { aud: 'someone-else' }),
      await porticoToken({}, { iss: 'https://evil.test' }),
      await porticoToken({}, { typ: 'JWT' }),
      (await porticoToken()).replace(/\.[^.]+$/, '.AAAA'),
      'not-a-jwt',
    ];
    for (const token of bad) {
      const r = refusal(await rig.run(bearer(token)));
      expect(r).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect(r.headers?.['www-authenticate']).toBe('Bearer realm="portico", error="invalid_token"');
    }
  });

  it('tolerates a small clock skew on exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await porticoToken({}, { exp: now - 5 });
    expect((await rig.run(bearer(token))).ok).toBe(true);
  });

  it('never accepts alg none, nor an HMAC token made with a guessable secret', async () => {
    const claims = {
      iss: ISSUER,
      aud: 'portico',
      client_id: 'cli_1',
      tenant_id: 'ten_a',
      exp: 9_999_999_999,
    };
    const none = unsecured(claims);
    expect(refusal(await rig.run(bearer(none))).status).toBe(401);
    expect(refusal(await rig.run(bearer(`${none}c2ln`))).status).toBe(401);
    const hs = await new SignJWT({ client_id: 'cli_1', tenant_id: 'ten_a' })
      .setProtectedHeader({ alg: 'HS256', kid: 'cm-1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience('portico')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('portico-public-key-material-xxxxxxxx'));
    expect(refusal(await rig.run(bearer(hs))).status).toBe(401);
  });

  it("refuses an algorithm outside the issuer's allow-list, even with a key that verifies it", async () => {
    // A key published without `alg` (allowed by RFC 7517): only the allow-list stands between a
    // PS256 token signed with it and acceptance. The issuer allows RS256 only.
    const signWith = async (alg: 'RS256' | 'PS256') =>
      new SignJWT({ sub: 'user-7', scp: ['orders:read'] })
        .setProtectedHeader({ alg, kid: 'idp-any' })
        .setIssuer(EXTERNAL)
        .setAudience('orders-api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(priv, alg));
    // The same key under the allowed algorithm is accepted: the key is not the problem.
    expect((await rig.run(bearer(await signWith('RS256')))).ok).toBe(true);
    expect(refusal(await rig.run(bearer(await signWith('PS256')))).status).toBe(401);
  });

  it('refuses a token of a client consumer-management no longer knows', async () => {
    const token = await porticoToken({ client_id: 'cli_gone' });
    const r = refusal(await rig.run(bearer(token)));
    expect(r.status).toBe(401);
  });

  it('refuses a token once consumer.token.revoked names it', async () => {
    const token = await porticoToken({ jti: 'jti_to_revoke' });
    expect((await rig.run(bearer(token))).ok).toBe(true);
    await double.publish('consumer.token.revoked', {
      jti: 'jti_to_revoke',
      clientId: 'cli_1',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const r = await waitFor(
      async () => {
        const res = await rig.run(bearer(token));
        return res.ok ? null : res;
      },
      { timeoutMs: 5_000, intervalMs: 10, what: 'the revoked token to be refused' },
    );
    expect(r).toMatchObject({ status: 401 });
  });

  it('accepts a configured external issuer, in its tenant, with its scope claim', async () => {
    const token = await sign(
      external,
      { sub: 'user-42', scp: ['orders:read'] },
      { iss: EXTERNAL, aud: 'orders-api' },
    );
    const id = identity(await rig.run(bearer(token, policy('jwt', { scopes: ['orders:read'] }))));
    expect(id).toMatchObject({
      tenantId: 'ten_a',
      consumerId: 'user-42',
      keyId: null,
      scopes: ['orders:read'],
      planId: null,
    });
    // Signed by the external IdP but claiming consumer-management's issuer: wrong key set.
    const forged = await sign(
      external,
      { client_id: 'cli_1', tenant_id: 'ten_a' },
      { iss: ISSUER, aud: 'portico', typ: 'at+jwt' },
    );
    expect(refusal(await rig.run(bearer(forged))).status).toBe(401);
    // Another tenant's route: 403.
    expect(refusal(await rig.run(bearer(token, policy('jwt'), { tenantId: 'ten_b' }))).status).toBe(
      403,
    );
  });

  describe('OAuth2 tokens by introspection', () => {
    it('introspects once, then serves from the cache until the token expires', async () => {
      const token = 'opaque-token-abc';
      double.tokens.set(token, {
        active: true,
        client_id: 'cli_1',
        tenant_id: 'ten_a',
        consumer_id: 'con_c1',
        scope: 'orders:read',
        jti: 'jti_opaque_1',
        exp: Math.floor(Date.now() / 1000) + 600,
        token_type: 'Bearer',
      });
      const id = identity(await rig.run(bearer(token, policy('oauth2'))));
      expect(id).toMatchObject({ consumerId: 'con_c1', scopes: ['orders:read'], via: 'oauth2' });
      expect(rig.auth.authenticate(bearer(token, policy('oauth2')))).not.toBeInstanceOf(Promise);
      expect(double.introspections.filter((t) => t === token)).toHaveLength(1);
    });

    it('refuses an inactive token with 401 invalid_token', async () => {
      const r = refusal(await rig.run(bearer('opaque-unknown', policy('oauth2'))));
      expect(r.status).toBe(401);
      expect(r.headers?.['www-authenticate']).toContain('error="invalid_token"');
    });
  });
});
