import { ADMIN_KEY, startSuite, type GraphResponse, type Suite } from './graphql-support';

/**
 * The registry's part of the graph, end to end: the gateway's /graphql driven over HTTP, resolvers
 * asking the real registry (its own process and schema) over NATS.
 */
describe('GraphQL at the gateway: registry', () => {
  let s: Suite;

  beforeAll(async () => {
    s = await startSuite();
  }, 120_000);
  afterAll(() => s?.close());

  const versionInput = (basePath: string) => ({
    version: 'v1',
    basePath,
    upstream: { service: 'camera-service' },
    policies: { timeoutMs: 2000 },
    routes: [
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/{id}', operationId: 'getCamera', policies: { timeoutMs: 500 } },
    ],
  });

  const CREATE_API = `mutation($input: CreateApiInput!) { createApi(input: $input) { id name title tags } }`;
  const CREATE_VERSION = `mutation($api: String!, $input: JSON!) {
    createVersion(api: $api, input: $input) { id version status routes { path } }
  }`;

  async function createApi(name: string): Promise<string> {
    const res = await s.gql(CREATE_API, { input: { name, title: `API ${name}`, tags: ['demo'] } });
    expect(res.errors).toBeUndefined();
    return res.data.createApi.id;
  }

  it('runs the version lifecycle through mutations with the REST rules and codes', async () => {
    const id = await createApi('cameras');
    const created = await s.gql(CREATE_VERSION, { api: id, input: versionInput('/cameras') });
    expect(created.data.createVersion).toMatchObject({ version: 'v1', status: 'draft' });
    expect(created.data.createVersion.routes).toHaveLength(2);

    const published = await s.gql(
      `mutation { publishVersion(api: "cameras", version: "v1") { status allowedTransitions publishedAt routes { path } } }`,
    );
    expect(published.data.publishVersion).toMatchObject({
      status: 'published',
      allowedTransitions: ['deprecated'],
    });
    expect(published.data.publishVersion.routes.map((r: { path: string }) => r.path)).toEqual([
      '/',
      '/{id}',
    ]);

    // The same transition rules as REST: a published version cannot be retired directly.
    const early = await s.gql(
      `mutation { retireVersion(api: "cameras", version: "v1") { status } }`,
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const past = await s.gql(
      `mutation { deprecateVersion(api: "cameras", version: "v1", sunsetAt: "2001-01-01T00:00:00Z") { status } }`,
    );
    expect(past.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'sunsetAt' })],
    });

    const sunsetAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const deprecated = await s.gql(
      `mutation($at: String!) { deprecateVersion(api: "cameras", version: "v1", sunsetAt: $at) { status sunsetAt } }`,
      { at: sunsetAt },
    );
    expect(deprecated.errors).toBeUndefined();
    expect(deprecated.data.deprecateVersion).toEqual({ status: 'deprecated', sunsetAt });
    const retired = await s.gql(
      `mutation { retireVersion(api: "cameras", version: "v1") { status retiredAt } }`,
    );
    expect(retired.data.retireVersion.status).toBe('retired');
    expect(retired.data.retireVersion.retiredAt).toEqual(expect.any(String));
  });

  it('validates inputs as REST does: VALIDATION_ERROR with the field, CONFLICT on duplicates', async () => {
    const bad = await s.gql(CREATE_API, { input: { name: 'Not A Slug', title: 'x' } });
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors![0]!.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'name' })],
    });
    expect(bad.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    await createApi('dupe-me');
    const dupe = await s.gql(CREATE_API, { input: { name: 'dupe-me', title: 'again' } });
    expect(dupe.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const missing = await s.gql(`{ api(id: "api_01NOSUCHAPI0000000000000000") { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers api(id) with versions, routes and policies', async () => {
    const id = await createApi('counting');
    await s.gql(CREATE_VERSION, { api: id, input: versionInput('/counting') });
    const res = await s.gql(
      `query($id: ID!) { api(id: $id) { name versions { version status policies routes { method path policies effectivePolicies } } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    const [v] = res.data.api.versions;
    expect(v).toMatchObject({ version: 'v1', status: 'draft', policies: { timeoutMs: 2000 } });
    expect(v.routes[1]).toMatchObject({
      path: '/{id}',
      policies: { timeoutMs: 500 },
      effectivePolicies: expect.objectContaining({ timeoutMs: 500 }),
    });
  });

  it('paginates apis with cursors (Relay connections) and filters', async () => {
    for (const n of ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']) await createApi(n);
    const PAGE = `query($after: String) {
      apis(first: 2, after: $after, filter: { search: "page-" }) {
        totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }`;
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GraphResponse = await s.gql(PAGE, { after });
      expect(res.errors).toBeUndefined();
      const conn = res.data.apis;
      expect(conn.totalCount).toBe(5);
      expect(conn.pageInfo.hasPreviousPage).toBe(pages > 0);
      names.push(...conn.edges.map((e: { node: { name: string } }) => e.node.name));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(names.sort()).toEqual(['page-a', 'page-b', 'page-c', 'page-d', 'page-e']);
    const bad = await s.gql(`{ apis(first: 2, after: "nonsense") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
    const tooMany = await s.gql(`{ apis(first: 500) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  });

  it('imports an OpenAPI document (object or YAML text) and refuses invalid ones like REST', async () => {
    const IMPORT = `mutation($doc: JSON!, $options: ImportOpenApiOptions) {
      importOpenApi(document: $doc, options: $options) { apiName apiCreated version versionCreated routes { added total } }
    }`;
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Pets', version: '1.2.0' },
      servers: [{ url: 'https://pets.internal.example/pets' }],
      paths: {
        '/pets': { get: { operationId: 'listPets', responses: { '200': { description: 'ok' } } } },
        '/pets/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    const res = await s.gql(IMPORT, { doc });
    expect(res.errors).toBeUndefined();
    expect(res.data.importOpenApi).toEqual({
      apiName: 'pets',
      apiCreated: true,
      version: 'v1',
      versionCreated: true,
      routes: { added: 2, total: 2 },
    });
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: Stores, version: 2.0.0 }',
      'paths:',
      '  /stores: { get: { responses: { "200": { description: ok } } } }',
    ].join('\n');
    const fromYaml = await s.gql(IMPORT, {
      doc: yaml,
      options: { basePath: '/stores', upstreamService: 'stores' },
    });
    expect(fromYaml.errors).toBeUndefined();
    expect(fromYaml.data.importOpenApi).toMatchObject({ apiName: 'stores', version: 'v2' });
    const swagger = await s.gql(IMPORT, { doc: { swagger: '2.0', info: {}, paths: {} } });
    expect(swagger.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
    expect(swagger.errors?.[0]?.message).toContain('Swagger 2.0');
  });

  it('lists services and the audit log', async () => {
    const res = await s.gql(`{
      services { discovery services { name usedBy { apiName version } } }
      auditLog(first: 3, filter: { entity: "api" }) { totalCount edges { node { action entityType actorId } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.services.discovery).toBe('static');
    expect(res.data.services.services).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'camera-service' })]),
    );
    expect(res.data.auditLog.edges).toHaveLength(3);
    expect(res.data.auditLog.edges[0].node).toMatchObject({
      action: 'api.created',
      entityType: 'api',
      actorId: 'usr_bootstrap',
    });
  });

  it('refuses callers without a credential and with a wrong one', async () => {
    const anonymous = await s.as('')(`{ apis { totalCount } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
    const wrong = await s.as(`${ADMIN_KEY}x`)(`{ apis { totalCount } }`);
    expect(wrong.status).toBe(401);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
  });
});
