import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CredentialsDouble, startTestApp, type TestApp } from '@portico/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import type { GatewayConfig } from '../src/config';
import { GraphClient } from '../src/graphql/common/graph-client';
import { gatewayService } from '../src/service';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TEST_ROUTES_FILE } from './fixtures/routes-file';
import { graphClient } from './graphql-support';

/**
 * What protects /graphql, with only the gateway and a credentials double running: limits refuse
 * abusive operations before any service is asked, APQ, introspection switch, error hygiene.
 */
describe('GraphQL at the gateway: protection', () => {
  let creds: CredentialsDouble;
  let gateway: TestApp<GatewayConfig>;
  let gql: ReturnType<typeof graphClient>;
  const calls: string[] = [];
  const KEY = 'pk_protection_user_key_0001';

  beforeAll(async () => {
    creds = await CredentialsDouble.start();
    creds.addKey(KEY, { role: 'admin', tenantId: 'ten_protect' });
    gateway = await startTestApp(gatewayService, {
      LOG_LEVEL: 'warn',
      // No registry here: readiness needs a route table, so load one from a file.
      GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE,
      GATEWAY_GRAPHQL_MAX_DEPTH: '5',
      GATEWAY_GRAPHQL_MAX_COST: '5000',
      GATEWAY_GRAPHQL_COST_BUDGET_PER_MINUTE: '1000',
    });
    await gateway.waitUntilReady();
    const client = gateway.service.app.get(GraphClient);
    const inner = client.requester;
    client.requester = (subject, body) => {
      calls.push(subject);
      return inner(subject, body);
    };
    gql = graphClient(gateway.url, KEY);
  });
  afterAll(async () => {
    await gateway?.close();
    await creds?.stop();
  });

  const graphCalls = () => calls.filter((c) => c.includes('.graph.'));

  /** Runs one operation over graphql-ws; resolves with its errors (or 'ok'). */
  async function overWs(url: string, query: string): Promise<unknown> {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': KEY },
      retryAttempts: 0,
    });
    try {
      return await new Promise((resolve) => {
        client.subscribe(
          { query },
          { next: (r) => resolve(r.errors ?? 'ok'), error: resolve, complete: () => resolve('ok') },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  it('authenticates with the same credentials as REST and scopes the caller to its tenant', async () => {
    const me = await gql(`{ me { tenantId role via } }`);
    expect(me.data.me).toEqual({ tenantId: 'ten_protect', role: 'admin', via: 'apiKey' });
    const bearer = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(((await bearer.json()) as { data: unknown }).data).toEqual({ me: { role: 'admin' } });
  });

  it('refuses queries nested too deep, before asking any service', async () => {
    calls.length = 0;
    const res = await gql(`{ apis { edges { node { versions { routes { id } } } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ code: 'QUERY_TOO_DEEP', limit: 5, actual: 6 })],
    });
    expect(graphCalls()).toEqual([]);
    const ws = await overWs(
      gateway.url,
      `{ apis { edges { node { versions { routes { id } } } } } }`,
    );
    expect(JSON.stringify(ws)).toContain('QUERY_TOO_DEEP');
  });

  it('refuses queries that would cost too much (pages times nested lists), before asking any service', async () => {
    calls.length = 0;
    const res = await gql(
      `query($n: Int!) { consumers(first: $n) { edges { node { keys(first: $n) { totalCount } } } } }`,
      { n: 100 },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ code: 'QUERY_TOO_COSTLY', limit: 5000 })],
    });
    expect(res.errors![0]!.extensions!['details'][0].actual).toBeGreaterThan(5000);
    expect(graphCalls()).toEqual([]);
    // The same shape with small pages is fine (the service is down here, so it fails later).
    const small = await gql(
      `query($n: Int!) { consumers(first: $n) { edges { node { keys(first: $n) { totalCount } } } } }`,
      { n: 5 },
    );
    expect(small.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it("charges each caller's queries to a per-minute budget and answers 429 when it is spent", async () => {
    const spender = creds.addKey('pk_protection_spender_0002', {
      role: 'user',
      tenantId: 'ten_protect',
    });
    const gqlSpender = graphClient(gateway.url, spender);
    let refused: Awaited<ReturnType<typeof gqlSpender>> | undefined;
    // Each costs 101 (a page of 100); the budget is 1000 per minute.
    for (let i = 0; i < 25 && !refused; i++) {
      const res = await gqlSpender(`{ consumers(first: 100) { totalCount } }`);
      if (res.errors?.[0]?.extensions?.code === 'RATE_LIMITED') refused = res;
    }
    expect(refused).toBeDefined();
    expect(refused!.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.errors![0]!.extensions!['details'][0].code).toBe('QUERY_BUDGET_SPENT');
    // Other callers keep their own budget.
    expect((await gql(`{ me { role } }`)).data).toEqual({ me: { role: 'admin' } });
  });

  it('answers SERVICE_UNAVAILABLE when the owning service is down, never a stack trace', async () => {
    const res = await gql(`{ apis { totalCount } }`);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(res.text).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    const parse = await gql(`{ apis { `);
    expect(parse.errors?.[0]?.extensions).toEqual({ code: 'MALFORMED_REQUEST' });
    const unknown = await gql(`{ nope }`);
    expect(unknown.errors?.[0]?.extensions).toEqual({ code: 'VALIDATION_ERROR' });
  });

  it('supports automatic persisted queries (APQ)', async () => {
    const query = '{ me { role } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await gql(null, {}, { extensions });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await gql(query, {}, { extensions });
    expect(registered.data).toEqual({ me: { role: 'admin' } });
    const byHash = await gql(null, {}, { extensions });
    expect(byHash.data).toEqual({ me: { role: 'admin' } });
  });

  it('serves introspection (on outside production) and the schema it serves is the checked-in file', async () => {
    const res = await gql(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data)));
    const file = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(file.replace(/^(#.*\n)+\n/, '').trim()).toBe(served.trim());
  });

  it('turns introspection off when configured', async () => {
    const off = await startTestApp(gatewayService, {
      LOG_LEVEL: 'warn',
      GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE,
      GATEWAY_GRAPHQL_INTROSPECTION: 'false',
    });
    try {
      await off.waitUntilReady();
      const res = await graphClient(off.url, KEY)(`{ __schema { types { name } } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
      expect(res.errors?.[0]?.message).toMatch(/introspection is not allowed/);
      // Not over graphql-ws either.
      const ws = await overWs(off.url, `{ __schema { types { name } } }`);
      expect(JSON.stringify(ws)).toMatch(/introspection is not allowed/);
      expect(
        await overWs(off.url, `subscription { requestMetrics(api: "api_x") { requests } }`),
      ).toBe('ok');
    } finally {
      await off.close();
    }
  });
});
