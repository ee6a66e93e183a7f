import { randomBytes } from 'node:crypto';
import { CredentialsDouble, startTestApp, type TestApp } from '@portico/testing';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../src/config';
import { gatewayService } from '../src/service';
import { TEST_ROUTES_FILE } from './fixtures/routes-file';
import WebSocket from 'ws';
import { graphClient, type GraphResponse } from './graphql-support';

/** Opens a graphql-ws connection and resolves with how the server closed it (or 'ack'). */
function wsConnect(
  url: string,
  key: string,
  via: 'params' | 'bearer' = 'params',
): Promise<{ code: number; reason: string } | 'ack'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: via === 'bearer' ? { authorization: `Bearer ${key}` } : {},
    });
    const payload = via === 'params' ? { 'x-api-key': key } : {};
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })));
    ws.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'connection_ack') {
        ws.close();
        resolve('ack');
      }
    });
    ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `portico:test:${randomBytes(6).toString('hex')}:graphql:`;
const LIMIT = 6;

/**
 * /graphql goes through the gateway's own limiter: RateLimit-* headers on every answer, 429
 * RATE_LIMITED once a caller has sent its limit (a subscription connection counts as one request),
 * and two gateways on one Redis counting together.
 */
describe('GraphQL at the gateway: rate limiting through the gateway limiter', () => {
  let creds: CredentialsDouble;
  const gateways: Array<TestApp<GatewayConfig>> = [];
  const KEY_A = 'pk_graphql_limit_consumer_a_0001';
  const KEY_B = 'pk_graphql_limit_consumer_b_0001';

  beforeAll(async () => {
    creds = await CredentialsDouble.start();
    creds.addKey(KEY_A, { role: 'consumer', tenantId: 'ten_limit', consumerId: 'con_limit_a' });
    creds.addKey(KEY_B, { role: 'consumer', tenantId: 'ten_limit', consumerId: 'con_limit_b' });
    const env = {
      LOG_LEVEL: 'warn',
      GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE,
      REDIS_URL,
      GATEWAY_RATE_LIMIT_PREFIX: PREFIX,
      GATEWAY_GRAPHQL_RATE_LIMIT: String(LIMIT),
      GATEWAY_GRAPHQL_RATE_LIMIT_WINDOW_SECONDS: '60',
    };
    gateways.push(await startTestApp(gatewayService, env), await startTestApp(gatewayService, env));
    await Promise.all(gateways.map((g) => g.waitUntilReady()));
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await creds?.stop();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${PREFIX}*`);
    if (keys.length > 0) await r.del(...keys);
    await r.quit();
  });

  const ME = `{ me { tenantId role } }`;

  it('answers with RateLimit-* headers and counts each request of the caller', async () => {
    const gql = graphClient(gateways[0]!.url, KEY_B);
    const first = await gql(ME);
    expect(first.status).toBe(200);
    expect(first.data.me).toEqual({ tenantId: 'ten_limit', role: 'consumer' });
    expect(first.headers.get('ratelimit-limit')).toBe(String(LIMIT));
    expect(first.headers.get('ratelimit-policy')).toBe(`${LIMIT};w=60`);
    const second = await gql(ME);
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(
      Number(first.headers.get('ratelimit-remaining')) - 1,
    );
  });

  it('two gateways on one Redis together allow exactly the limit, then 429 RATE_LIMITED', async () => {
    const clients = gateways.map((g) => graphClient(g.url, KEY_A));
    const answers: GraphResponse[] = await Promise.all(
      Array.from({ length: LIMIT + 6 }, (_, i) => clients[i % 2]!(ME)),
    );
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(LIMIT);
    expect(refused).toHaveLength(6);
    for (const r of refused) {
      expect(r.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
      expect(r.errors?.[0]?.message).toMatch(/Rate limit of 6 requests per 60 s exceeded/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
      expect(r.text).not.toMatch(/at \w+ \(/); // no stack trace
    }
    // A subscription connection counts too: this caller's WebSocket is refused with 4429.
    const closed = await wsConnect(gateways[0]!.url, KEY_A);
    expect(closed).toEqual({ code: 4429, reason: 'Rate limit of 6 requests per 60 s exceeded.' });
    // The same caller identified by a Bearer header on the upgrade request is the same caller.
    expect(await wsConnect(gateways[1]!.url, KEY_A, 'bearer')).toMatchObject({ code: 4429 });
    // Another consumer keeps its own count.
    const other = await graphClient(gateways[1]!.url, KEY_B)(ME);
    expect(other.status).toBe(200);
    expect(await wsConnect(gateways[1]!.url, KEY_B)).toBe('ack');
  });
});
