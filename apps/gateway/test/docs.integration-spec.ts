import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { EVENT_TYPES } from '@portico/contracts';
import {
  createTestSchema,
  startTestApp,
  type TestApp,
  type TestClient,
  type TestSchema,
  waitFor,
} from '@portico/testing';
import { parse as parseYaml } from 'yaml';
import { consumerManagementService } from '../../consumer-management/src/service';
import { registryService } from '../../registry/src/service';
import { gatewayService } from '../src/service';

// The docs hub against real services: registry (with published APIs) and consumer-management
// found through static discovery, the route table over NATS, a closed port as a service that is down.
const ADMIN_KEY = 'pk_docs_hub_bootstrap_admin_0001';
const SHOP = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/shop.openapi.json'), 'utf8'));

async function validate(doc: unknown) {
  const validator = new Validator();
  const result = await validator.validate(doc as Parameters<Validator['validate']>[0]);
  return { valid: result.valid, version: validator.version, errors: result.errors };
}

describe('gateway docs hub', () => {
  let registry: TestApp;
  let consumers: TestApp;
  let gateway: TestApp;
  let admin: TestClient;
  const schemas: TestSchema[] = [];

  beforeAll(async () => {
    const [rdb, cdb] = await Promise.all([
      createTestSchema('registry'),
      createTestSchema('consumers'),
    ]);
    schemas.push(rdb, cdb);
    const common = { PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn' };
    registry = await startTestApp(registryService, { ...common, DATABASE_URL: rdb.url });
    consumers = await startTestApp(consumerManagementService, {
      ...common,
      DATABASE_URL: cdb.url,
      PORTICO_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    });
    await Promise.all([registry.waitUntilReady(30_000), consumers.waitUntilReady(30_000)]);
    admin = registry.client.withHeaders({ 'x-api-key': ADMIN_KEY });

    // Imported from OpenAPI 3.0 and published: documented from its stored document.
    const imported = await admin.request('POST', '/api/v1/apis/import?upstreamService=shop-svc', {
      body: SHOP,
    });
    expect(imported.status).toBe(200);
    expect((await admin.post('/api/v1/apis/shop-api/versions/v1/publish')).status).toBe(200);
    // Configured by hand, two versions: documented from the route table.
    expect((await admin.post('/api/v1/apis', { name: 'counting', title: 'Counting' })).status).toBe(
      201,
    );
    for (const version of ['v1', 'v2']) {
      const created = await admin.post('/api/v1/apis/counting/versions', {
        version,
        basePath: '/counting',
        upstream: { service: 'counting-svc' },
        routes: [
          { method: 'GET', path: '/cameras' },
          { method: 'GET', path: '/cameras/{cameraId}', operationId: `getCamera_${version}` },
        ],
      });
      expect(created.status).toBe(201);
      expect((await admin.post(`/api/v1/apis/counting/versions/${version}/publish`)).status).toBe(
        200,
      );
    }

    gateway = await startTestApp(gatewayService, {
      LOG_LEVEL: 'warn',
      PORTICO_STATIC_SERVICES: `registry=${registry.url},consumer-management=${consumers.url}`,
      GATEWAY_DOCS_SERVICES: 'gateway,registry,consumer-management',
      GATEWAY_DOCS_REGISTRY_API_KEY: ADMIN_KEY,
      // Only registry events may refresh the document within this test.
      GATEWAY_DOCS_CACHE_TTL_MS: '600000',
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([gateway?.close(), registry?.close(), consumers?.close()]);
    await Promise.allSettled(schemas.map((s) => s.drop()));
  });

  /** The merged document once the gateway's NATS connection answers with the published APIs. */
  async function mergedDocument(query = ''): Promise<any> {
    let doc: any;
    await waitFor(
      async () => {
        const res = await gateway.client.get(`/api/v1/docs${query}`);
        doc = res.body;
        return res.status === 200 && doc.paths['/v1/shop/orders'] !== undefined;
      },
      { timeoutMs: 30_000, what: 'the docs hub to include the published APIs' },
    );
    return doc;
  }

  it('merges management APIs, published APIs and the event catalogue into one valid OpenAPI 3.1 document', async () => {
    const doc = await mergedDocument();
    const result = await validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });

    // Management APIs, a tag per service; per-instance endpoints left out.
    expect(doc.paths['/api/v1/apis'].post.tags).toEqual(['registry']);
    expect(doc.paths['/api/v1/consumers'].get.tags).toEqual(['consumer-management']);
    expect(doc.paths['/api/v1/sdk'].get.tags).toEqual(['gateway']);
    expect(doc.paths['/health/ready']).toBeUndefined();
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['registry', 'consumer-management', 'shop-api v1', 'counting v2']),
    );
    // Published versions under their public gateway paths, from the stored document ...
    expect(doc.paths['/v1/shop/orders/{orderId}'].get.operationId).toBe('getOrder');
    // ... whose colliding component was renamed, its $refs rewritten, 3.0 nullable upgraded.
    expect(doc.components.schemas.CreateApiDto.properties.name).toBeDefined();
    const order = doc.components.schemas.ShopApiV1CreateApiDto;
    expect(order.properties.note.type).toEqual(['string', 'null']);
    expect(order.properties.total).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(
      doc.paths['/v1/shop/orders'].get.responses['200'].content['application/json'].schema.items
        .$ref,
    ).toBe('#/components/schemas/ShopApiV1CreateApiDto');
    // ... or from the route table, path parameters declared.
    expect(doc.paths['/v2/counting/cameras/{cameraId}'].get.parameters[0]).toMatchObject({
      name: 'cameraId',
      in: 'path',
      required: true,
    });
    // The event catalogue as webhooks.
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    // Reached through the gateway; API keys and OAuth2 client credentials.
    expect(doc.servers).toEqual([{ url: gateway.url, description: 'Portico gateway' }]);
    expect(doc.components.securitySchemes.apiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    expect(doc.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl).toBe(
      `${gateway.url}/oauth/token`,
    );
    expect(doc['x-portico-sources']).toEqual([
      { source: 'gateway', status: 'ok' },
      { source: 'registry', status: 'ok' },
      { source: 'consumer-management', status: 'ok' },
      { source: 'registry route table', status: 'ok' },
    ]);
  });

  it('describes the management APIs exactly as the SDK generated offline from the same code', async () => {
    const doc = await mergedDocument();
    const sdk = JSON.parse(
      readFileSync(path.join(__dirname, '../../../libs/sdk/openapi.json'), 'utf8'),
    );
    const management = Object.keys(doc.paths).filter(
      (p) => p.startsWith('/api/') || p.startsWith('/oauth'),
    );
    expect(management.length).toBeGreaterThan(20);
    for (const p of management)
      expect({ path: p, item: sdk.paths[p] }).toEqual({ path: p, item: doc.paths[p] });
  });

  it('serves YAML, filters published APIs by version, and refuses an unknown format', async () => {
    const json = await mergedDocument();
    const yaml = await gateway.client.get('/api/v1/docs?format=yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(parseYaml(yaml.text)).toEqual(json);

    const v2 = (await gateway.client.get('/api/v1/docs?version=v2')).body;
    expect(v2.paths['/v2/counting/cameras']).toBeDefined();
    expect(v2.paths['/v1/counting/cameras']).toBeUndefined();
    expect(v2.paths['/api/v1/apis']).toBeDefined();

    const bad = await gateway.client.get('/api/v1/docs?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', error: { code: 'VALIDATION_ERROR' } });
  });

  it('serves one published API version alone, and 404 for an unknown one', async () => {
    await mergedDocument();
    const res = await gateway.client.get('/api/v1/docs/apis/shop-api/v1');
    expect(res.status).toBe(200);
    expect(await validate(res.body)).toMatchObject({ valid: true });
    expect(res.body.info).toMatchObject({ title: 'Shop API', version: 'v1' });
    expect(Object.keys(res.body.paths).sort()).toEqual([
      '/v1/shop/orders',
      '/v1/shop/orders/{orderId}',
    ]);

    const yaml = await gateway.client.get('/api/v1/docs/apis/counting/v1?format=yaml');
    expect(Object.keys(parseYaml(yaml.text).paths).sort()).toEqual([
      '/v1/counting/cameras',
      '/v1/counting/cameras/{cameraId}',
    ]);

    for (const p of ['/api/v1/docs/apis/nope/v1', '/api/v1/docs/apis/shop-api/v9']) {
      const missing = await gateway.client.get(p);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' } });
    }
  });

  it('serves a Swagger UI page whose assets all come from the gateway itself', async () => {
    const page = await gateway.client.get('/api/v1/docs?format=html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('data-url="/api/v1/docs?format=json"');
    const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
    for (const url of urls) {
      expect(url.startsWith('/api/v1/docs/assets/')).toBe(true);
      const asset = await fetch(`${gateway.url}${url}`);
      expect(asset.status).toBe(200);
      const body = Buffer.from(await asset.arrayBuffer());
      expect(body.length).toBeGreaterThan(0);
      const file = url.split('/').pop()!;
      if (file !== 'portico-docs.js')
        expect(body.equals(readFileSync(path.join(dist, file)))).toBe(true);
    }
    const api = await gateway.client.get('/api/v1/docs/apis/shop-api/v1?format=html');
    expect(api.text).toContain('data-url="/api/v1/docs/apis/shop-api/v1?format=json"');

    for (const p of ['/api/v1/docs/assets/package.json', '/api/v1/docs/assets/..%2Fpackage.json']) {
      const res = await gateway.client.get(p);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('reports a service that is down and still serves a valid document', async () => {
    const degraded = await startTestApp(gatewayService, {
      LOG_LEVEL: 'error',
      PORTICO_STATIC_SERVICES: `registry=${registry.url},analytics=127.0.0.1:1`,
      GATEWAY_DOCS_SERVICES: 'registry,analytics',
    });
    try {
      const res = await degraded.client.get('/api/v1/docs?format=json');
      expect(res.status).toBe(200);
      expect(res.body['x-portico-sources']).toEqual(
        expect.arrayContaining([
          { source: 'registry', status: 'ok' },
          expect.objectContaining({ source: 'analytics', status: 'unavailable' }),
        ]),
      );
      expect(res.body.paths['/api/v1/apis']).toBeDefined();
      expect((await validate(res.body)).valid).toBe(true);
    } finally {
      await degraded.close();
    }
  });

  it('rebuilds the document after a registry event, without waiting for the cache to expire', async () => {
    const before = await mergedDocument();
    expect(before.paths['/v1/late/items']).toBeUndefined();
    await admin.post('/api/v1/apis', { name: 'late', title: 'Late' });
    await admin.post('/api/v1/apis/late/versions', {
      version: 'v1',
      basePath: '/late',
      upstream: { service: 'late-svc' },
      routes: [{ method: 'GET', path: '/items' }],
    });
    expect((await admin.post('/api/v1/apis/late/versions/v1/publish')).status).toBe(200);
    await waitFor(
      async () =>
        (await gateway.client.get('/api/v1/docs')).body.paths['/v1/late/items'] !== undefined,
      { timeoutMs: 20_000, what: 'the published API to appear in the docs' },
    );
  });
});
