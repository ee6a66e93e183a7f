import { parse as parseYaml } from 'yaml';
import { fixture, startRegistry, type Registry } from './helpers';

const YAML = { 'content-type': 'application/yaml' };

describe('registry: OpenAPI import', () => {
  let r: Registry;
  const cameraYaml = fixture('camera-counting.openapi.yaml');

  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(async () => {
    await r.close();
  });

  const counts = async () => {
    const apis = await r.admin.get('/api/v1/apis');
    const audit = await r.admin.get('/api/v1/audit');
    const table = await r.admin.get('/api/v1/route-table');
    return {
      apis: apis.body.pagination.total,
      audit: audit.body.pagination.total,
      revision: table.body.data.revision,
    };
  };

  it('imports a multi-path YAML document: API, version, routes with operationId, summary and parameters', async () => {
    const res = await r.admin.request('POST', '/api/v1/apis/import?upstreamService=counting-svc', {
      raw: cameraYaml,
      headers: YAML,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      apiName: 'camera-counting-api',
      apiCreated: true,
      version: 'v1',
      versionCreated: true,
      routes: { added: 8, updated: 0, removed: 0, total: 8 },
    });

    const api = await r.admin.get('/api/v1/apis/camera-counting-api');
    expect(api.body.data).toMatchObject({
      title: 'Camera Counting API',
      tags: ['cameras', 'counting'],
      versions: [{ version: 'v1', status: 'draft' }],
    });
    expect(api.body.data.description).toContain('street cameras');

    const v = await r.admin.get('/api/v1/apis/camera-counting-api/versions/v1');
    expect(v.body.data).toMatchObject({
      basePath: '/counting',
      upstream: { service: 'counting-svc' },
      hasOpenApi: true,
    });
    const routes = v.body.data.routes as Array<{
      method: string;
      path: string;
      operationId: string;
      summary: string;
      parameters: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
    }>;
    expect(routes.map((x) => `${x.method} ${x.path} ${x.operationId}`)).toEqual([
      'GET /cameras listCameras',
      'POST /cameras createCamera',
      'DELETE /cameras/{cameraId} deleteCamera',
      'GET /cameras/{cameraId} getCamera',
      'PATCH /cameras/{cameraId} updateCamera',
      'GET /cameras/{cameraId}/counts getCameraCounts',
      'GET /counting-results listCountingResults',
      'GET /counting-results/{resultId} getCountingResult',
    ]);
    const counts = routes.find((x) => x.operationId === 'getCameraCounts')!;
    expect(counts.summary).toBe('Counts of one camera over a time range');
    // Path-level parameters ($ref'd) merged with the operation's own, refs resolved.
    expect(counts.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:cameraId',
      'query:from',
      'query:to',
      'query:granularity',
    ]);
    expect(counts.parameters[0]).toMatchObject({
      required: true,
      schema: { type: 'string', pattern: '^cam-[a-z0-9]{6}$' },
    });
  });

  it('serves the stored document back as JSON and as YAML', async () => {
    const json = await r.admin.get('/api/v1/apis/camera-counting-api/versions/v1/openapi');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.body).toEqual(parseYaml(cameraYaml));
    // $refs are kept as written, and key order too.
    expect(json.body.paths['/cameras'].get.parameters[0]).toEqual({
      $ref: '#/components/parameters/Page',
    });
    expect(Object.keys(json.body)).toEqual(Object.keys(parseYaml(cameraYaml)));

    const yaml = await r.admin.get(
      '/api/v1/apis/camera-counting-api/versions/v1/openapi?format=yaml',
    );
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(parseYaml(yaml.text)).toEqual(parseYaml(cameraYaml));

    const none = await r.admin.post('/api/v1/apis', { name: 'manual', title: 'Manual' });
    expect(none.status).toBe(201);
    await r.admin.post('/api/v1/apis/manual/versions', {
      version: 'v1',
      basePath: '/manual',
      upstream: { service: 'x' },
    });
    expect((await r.admin.get('/api/v1/apis/manual/versions/v1/openapi')).status).toBe(404);
  });

  it('re-imports (as JSON) into the same version: routes matched by method and path keep id and policies', async () => {
    const before = await r.admin.get('/api/v1/apis/camera-counting-api/versions/v1');
    const getCamera = before.body.data.routes.find(
      (x: { operationId: string }) => x.operationId === 'getCamera',
    );
    await r.admin.put(
      `/api/v1/apis/camera-counting-api/versions/v1/routes/${getCamera.id}/policies`,
      { cache: { ttlSeconds: 10 } },
    );
    const doc = parseYaml(cameraYaml);
    delete doc.paths['/counting-results/{resultId}'];
    doc.paths['/zones'] = {
      get: { operationId: 'listZones', responses: { '200': { description: 'Zones' } } },
    };
    doc.paths['/cameras/{cameraId}'].get.summary = 'Fetch a camera';
    const res = await r.admin.post('/api/v1/apis/import?upstreamService=counting-svc', doc);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      apiCreated: false,
      versionCreated: false,
      routes: { added: 1, updated: 7, removed: 1, total: 8 },
    });
    const after = await r.admin.get('/api/v1/apis/camera-counting-api/versions/v1');
    const again = after.body.data.routes.find(
      (x: { operationId: string }) => x.operationId === 'getCamera',
    );
    expect(again).toMatchObject({
      id: getCamera.id,
      summary: 'Fetch a camera',
      policies: { cache: { ttlSeconds: 10 } },
    });
    expect(after.body.data.routes.map((x: { path: string }) => x.path)).toContain('/zones');
    expect(after.body.data.routes.map((x: { path: string }) => x.path)).not.toContain(
      '/counting-results/{resultId}',
    );
  });

  it('refuses a broken document with the reason and writes nothing', async () => {
    const before = await counts();
    const res = await r.admin.request('POST', '/api/v1/apis/import?upstreamService=x', {
      raw: fixture('broken.openapi.yaml'),
      headers: YAML,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.message).toContain('#/components/schemas/DoesNotExist');
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed YAML, Swagger 2.0, external $refs and unroutable paths with a 400 each', async () => {
    const before = await counts();
    const malformed = await r.admin.request('POST', '/api/v1/apis/import', {
      raw: 'openapi: 3.0.3\ninfo: [unclosed\n',
      headers: YAML,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_REQUEST');
    expect(malformed.body.error.message).toMatch(/line \d+/);

    const swagger = await r.admin.post('/api/v1/apis/import', {
      swagger: '2.0',
      info: { title: 'Old', version: '1.0' },
      paths: {},
    });
    expect(swagger.status).toBe(400);
    expect(swagger.body.error.message).toContain('Swagger 2.0');

    const minimal = (extra: Record<string, unknown>) => ({
      openapi: '3.1.0',
      info: { title: 'Ext', version: '2.0.0' },
      servers: [{ url: 'https://ext.example.org/ext' }],
      ...extra,
    });
    const external = await r.admin.post(
      '/api/v1/apis/import',
      minimal({
        paths: {
          '/a': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: { 'application/json': { schema: { $ref: 'file:///etc/passwd' } } },
                },
              },
            },
          },
        },
      }),
    );
    expect(external.status).toBe(400);
    expect(external.body.error.message).toContain('external $refs');

    const unroutable = await r.admin.post(
      '/api/v1/apis/import',
      minimal({ paths: { '/a b': { get: { responses: { '200': { description: 'ok' } } } } } }),
    );
    expect(unroutable.status).toBe(400);
    expect(unroutable.body.error.details[0].field).toBe('paths./a b');
    expect(await counts()).toEqual(before);
  });

  it('takes the upstream from servers[0] or x-portico-upstream, and refuses a retired version', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Weather', version: '2.3.1' },
      servers: [{ url: 'https://weather.internal.example/wx/' }],
      paths: {
        '/now': { get: { operationId: 'now', responses: { '200': { description: 'ok' } } } },
      },
    };
    const res = await r.admin.post('/api/v1/apis/import', doc);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ apiName: 'weather', version: 'v2' });
    const v = await r.admin.get('/api/v1/apis/weather/versions/v2');
    expect(v.body.data).toMatchObject({
      basePath: '/wx',
      upstream: { targets: [{ url: 'https://weather.internal.example/wx', weight: 100 }] },
    });

    const ext = await r.admin.post('/api/v1/apis/import?name=weather-ext&basePath=/wx2', {
      ...doc,
      'x-portico-upstream': { service: 'weather-svc' },
    });
    expect(ext.status).toBe(200);
    expect(
      (await r.admin.get('/api/v1/apis/weather-ext/versions/v2')).body.data.upstream.service,
    ).toBe('weather-svc');

    for (const step of ['publish', 'retire']) {
      if (step === 'retire') {
        await r.admin.post('/api/v1/apis/weather/versions/v2/deprecate', {
          sunsetAt: '2099-01-01T00:00:00Z',
        });
      }
      await r.admin.post(`/api/v1/apis/weather/versions/v2/${step}`);
    }
    const retired = await r.admin.post('/api/v1/apis/import', doc);
    expect(retired.status).toBe(409);
  });
});
