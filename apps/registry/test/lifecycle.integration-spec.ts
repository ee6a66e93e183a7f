import { startRegistry, versionBody, type Registry } from './helpers';

const FUTURE = '2099-01-01T00:00:00.000Z';

describe('registry: APIs, versions, routes, policies and the lifecycle', () => {
  let r: Registry;

  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(async () => {
    await r.close();
  });

  describe('APIs', () => {
    it('registers an API, refuses a second one with the same name, finds it by id or name', async () => {
      const res = await r.admin.post('/api/v1/apis', {
        name: 'cameras',
        title: 'Cameras',
        tags: ['iot', 'video', 'iot'],
        owner: 'team-mobility',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        name: 'cameras',
        tenantId: 'ten_default',
        tags: ['iot', 'video'],
        owner: 'team-mobility',
        description: '',
        versions: [],
      });
      expect(res.body.data.id).toMatch(/^api_[0-9A-Z]{26}$/);
      const dup = await r.admin.post('/api/v1/apis', { name: 'cameras', title: 'Again' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('CONFLICT');
      for (const ref of [res.body.data.id, 'cameras']) {
        const got = await r.admin.get(`/api/v1/apis/${ref}`);
        expect(got.status).toBe(200);
        expect(got.body.data.id).toBe(res.body.data.id);
      }
    });

    it('validates input and names the field', async () => {
      const res = await r.admin.post('/api/v1/apis', { name: 'Not A Slug', title: '' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['name', 'title']);
      const unknown = await r.admin.patch('/api/v1/apis/cameras', { name: 'renamed' });
      expect(unknown.status).toBe(400);
    });

    it('updates metadata and lists with filters and pagination', async () => {
      await r.admin.post('/api/v1/apis', { name: 'weather', title: 'Weather', tags: ['public'] });
      await r.admin.post('/api/v1/apis', {
        name: 'parking',
        title: 'Parking spaces',
        description: 'Free spaces per garage',
        tags: ['public', 'mobility'],
      });
      const patched = await r.admin.patch('/api/v1/apis/weather', { title: 'Weather data' });
      expect(patched.status).toBe(200);
      expect(patched.body.data.title).toBe('Weather data');

      const byTag = await r.admin.get('/api/v1/apis?tag=public');
      expect(byTag.body.data.map((a: { name: string }) => a.name).sort()).toEqual([
        'parking',
        'weather',
      ]);
      const bySearch = await r.admin.get('/api/v1/apis?search=GARAGE');
      expect(bySearch.body.data.map((a: { name: string }) => a.name)).toEqual(['parking']);
      const page = await r.admin.get('/api/v1/apis?limit=2&page=2');
      expect(page.body.pagination).toEqual({ page: 2, limit: 2, total: 3 });
      expect(page.body.data).toHaveLength(1);
      const bad = await r.admin.get('/api/v1/apis?status=alive');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('status');
    });
  });

  describe('versions and the state machine', () => {
    beforeAll(async () => {
      await r.admin.post('/api/v1/apis', { name: 'counting', title: 'Counting' });
    });

    it('creates a draft with routes; a duplicate version is a 409', async () => {
      const res = await r.admin.post('/api/v1/apis/counting/versions', versionBody('v1'));
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        version: 'v1',
        status: 'draft',
        allowedTransitions: ['published'],
        basePath: '/cameras',
        upstream: { service: 'camera-service', loadBalancing: 'round-robin' },
      });
      expect(res.body.data.routes.map((x: { path: string }) => x.path)).toEqual(['/', '/{id}']);
      const dup = await r.admin.post('/api/v1/apis/counting/versions', versionBody('v1'));
      expect(dup.status).toBe(409);
    });

    it('refuses routes that collide, and bad paths, upstreams and versions, naming the field', async () => {
      const collide = await r.admin.post(
        '/api/v1/apis/counting/versions',
        versionBody('v9', {
          routes: [
            { method: 'GET', path: '/{id}' },
            { method: 'GET', path: '/{cameraId}' },
          ],
        }),
      );
      expect(collide.status).toBe(400);
      expect(collide.body.error.details[0].field).toBe('routes.1.path');
      const bad = await r.admin.post('/api/v1/apis/counting/versions', {
        version: 'latest',
        basePath: 'cameras/',
        upstream: { service: 'x', targets: [{ url: 'http://a' }] },
        routes: [{ method: 'FETCH', path: '/a b' }],
      });
      expect(bad.status).toBe(400);
      const fields = bad.body.error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'version',
          'basePath',
          'upstream',
          'routes.0.method',
          'routes.0.path',
        ]),
      );
    });

    it('walks draft → published → deprecated → retired and refuses every other move with 409', async () => {
      const base = '/api/v1/apis/counting/versions/v1';
      const attempt = (action: string) =>
        r.admin.post(
          `${base}/${action}`,
          action === 'deprecate' ? { sunsetAt: FUTURE } : undefined,
        );
      const expectRefused = async (action: string, allowed: string[]) => {
        const res = await attempt(action);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('CONFLICT');
        expect(res.body.error.details[0].allowed).toEqual(allowed);
        expect(res.body.error.message).toContain('Allowed next states');
      };
      // draft
      await expectRefused('deprecate', ['published']);
      await expectRefused('retire', ['published']);
      expect((await attempt('publish')).status).toBe(200);
      // published
      await expectRefused('publish', ['deprecated']);
      await expectRefused('retire', ['deprecated']);
      const deprecated = await attempt('deprecate');
      expect(deprecated.status).toBe(200);
      expect(deprecated.body.data).toMatchObject({ status: 'deprecated', sunsetAt: FUTURE });
      // deprecated
      await expectRefused('publish', ['retired']);
      await expectRefused('deprecate', ['retired']);
      const retired = await attempt('retire');
      expect(retired.status).toBe(200);
      expect(retired.body.data).toMatchObject({ status: 'retired', allowedTransitions: [] });
      // retired is final and frozen
      await expectRefused('publish', []);
      await expectRefused('deprecate', []);
      await expectRefused('retire', []);
      const edit = await r.admin.put(`${base}/policies`, { timeoutMs: 1000 });
      expect(edit.status).toBe(409);
      const route = await r.admin.post(`${base}/routes`, { method: 'GET', path: '/new' });
      expect(route.status).toBe(409);
    });

    it('needs a future sunsetAt and a published successor to deprecate; routes to publish', async () => {
      await r.admin.post('/api/v1/apis/counting/versions', versionBody('v2'));
      await r.admin.post('/api/v1/apis/counting/versions', versionBody('v3', { routes: [] }));
      const empty = await r.admin.post('/api/v1/apis/counting/versions/v3/publish');
      expect(empty.status).toBe(409);
      expect(empty.body.error.details[0].field).toBe('routes');
      expect((await r.admin.post('/api/v1/apis/counting/versions/v2/publish')).status).toBe(200);

      const past = await r.admin.post('/api/v1/apis/counting/versions/v2/deprecate', {
        sunsetAt: '2001-01-01T00:00:00Z',
      });
      expect(past.status).toBe(400);
      expect(past.body.error.details[0].field).toBe('sunsetAt');
      const missing = await r.admin.post('/api/v1/apis/counting/versions/v2/deprecate', {});
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0].field).toBe('sunsetAt');
      const draftSuccessor = await r.admin.post('/api/v1/apis/counting/versions/v2/deprecate', {
        sunsetAt: FUTURE,
        successorVersion: 'v3',
      });
      expect(draftSuccessor.status).toBe(400);
      expect(draftSuccessor.body.error.details[0].field).toBe('successorVersion');

      await r.admin.post('/api/v1/apis/counting/versions/v3/routes', { method: 'ANY', path: '/' });
      expect((await r.admin.post('/api/v1/apis/counting/versions/v3/publish')).status).toBe(200);
      const ok = await r.admin.post('/api/v1/apis/counting/versions/v2/deprecate', {
        sunsetAt: FUTURE,
        successorVersion: 'v3',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data.successorVersion).toBe('v3');
    });

    it('fixes basePath once published and refuses to delete live versions or their API', async () => {
      const basePath = await r.admin.patch('/api/v1/apis/counting/versions/v3', {
        basePath: '/elsewhere',
      });
      expect(basePath.status).toBe(409);
      expect(basePath.body.error.details[0].field).toBe('basePath');
      const upstream = await r.admin.patch('/api/v1/apis/counting/versions/v3', {
        upstream: {
          targets: [{ url: 'http://10.0.0.5:8080', weight: 3 }],
          loadBalancing: 'weighted',
        },
      });
      expect(upstream.status).toBe(200);
      expect(upstream.body.data.upstream.targets).toEqual([
        { url: 'http://10.0.0.5:8080', weight: 3 },
      ]);
      expect((await r.admin.delete('/api/v1/apis/counting/versions/v3')).status).toBe(409);
      expect((await r.admin.delete('/api/v1/apis/counting')).status).toBe(409);
      expect((await r.admin.delete('/api/v1/apis/counting/versions/v1')).status).toBe(204);
      expect((await r.admin.get('/api/v1/apis/counting/versions/v1')).status).toBe(404);
    });

    it('lists versions by status and APIs by the status of their versions', async () => {
      const deprecated = await r.admin.get('/api/v1/apis/counting/versions?status=deprecated');
      expect(deprecated.body.data.map((v: { version: string }) => v.version)).toEqual(['v2']);
      const apis = await r.admin.get('/api/v1/apis?status=published');
      expect(apis.body.data.map((a: { name: string }) => a.name)).toEqual(['counting']);
    });

    it('refuses to publish a second API on a prefix already served in the tenant', async () => {
      await r.admin.post('/api/v1/apis', { name: 'counting-copy', title: 'Copy' });
      await r.admin.post('/api/v1/apis/counting-copy/versions', versionBody('v3'));
      const res = await r.admin.post('/api/v1/apis/counting-copy/versions/v3/publish');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain("'counting'");
    });
  });

  describe('policies and routes', () => {
    const base = '/api/v1/apis/policed/versions/v1';
    let routeId: string;

    beforeAll(async () => {
      await r.admin.post('/api/v1/apis', { name: 'policed', title: 'Policed' });
      const v = await r.admin.post(
        '/api/v1/apis/policed/versions',
        versionBody('v1', {
          policies: {
            auth: { type: 'apiKey', scopes: ['cameras:read'] },
            rateLimit: { requests: 100, windowSeconds: 60 },
            cache: { ttlSeconds: 30 },
          },
        }),
      );
      routeId = v.body.data.routes[1].id;
    });

    it('validates policy documents on write and names the failing field', async () => {
      const cases: Array<[unknown, string]> = [
        [{ rateLimit: { requests: 0, windowSeconds: 60 } }, 'rateLimit.requests'],
        [{ auth: { type: 'basic' } }, 'auth.type'],
        [{ ipFilter: { allow: ['not-an-ip'] } }, 'ipFilter.allow.0'],
        [{ cors: { origins: [] } }, 'cors.origins'],
        [{ timeoutMs: 900_000 }, 'timeoutMs'],
        [{ rateLimit: { requests: 5, windowSeconds: 60, scope: 'planet' } }, 'rateLimit.scope'],
      ];
      for (const [policies, field] of cases) {
        const res = await r.admin.put(`${base}/policies`, policies);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const unknown = await r.admin.put(`${base}/routes/${routeId}/policies`, { teleport: true });
      expect(unknown.status).toBe(400);
      const inBody = await r.admin.post('/api/v1/apis/policed/versions', {
        ...versionBody('v2'),
        policies: { quota: { requests: -1 } },
      });
      expect(inBody.status).toBe(400);
      expect(inBody.body.error.details[0].field).toBe('policies.quota.requests');
    });

    it('merges route overrides over version policies key by key', async () => {
      const put = await r.admin.put(`${base}/routes/${routeId}/policies`, {
        cache: { ttlSeconds: 5, vary: ['Accept'] },
        timeoutMs: 2000,
      });
      expect(put.status).toBe(200);
      const route = await r.admin.get(`${base}/routes/${routeId}`);
      expect(route.body.data.effectivePolicies).toMatchObject({
        auth: { type: 'apiKey', scopes: ['cameras:read'] },
        rateLimit: { requests: 100, windowSeconds: 60, scope: 'consumer' },
        cache: { ttlSeconds: 5, vary: ['Accept'], perConsumer: false },
        timeoutMs: 2000,
      });
      const version = await r.admin.get(`${base}/policies`);
      expect(version.body.data.cache).toEqual({ ttlSeconds: 30, vary: [], perConsumer: false });
    });

    it('adds, changes and removes routes; duplicates by method and path are 409', async () => {
      const add = await r.admin.post(`${base}/routes`, {
        method: 'POST',
        path: '/{id}/snapshots',
        summary: 'Take a snapshot',
      });
      expect(add.status).toBe(201);
      const dup = await r.admin.post(`${base}/routes`, {
        method: 'POST',
        path: '/{cam}/snapshots',
      });
      expect(dup.status).toBe(409);
      const patch = await r.admin.patch(`${base}/routes/${add.body.data.id}`, {
        path: '/{id}/pictures',
      });
      expect(patch.status).toBe(200);
      expect(patch.body.data.path).toBe('/{id}/pictures');
      expect((await r.admin.delete(`${base}/routes/${add.body.data.id}`)).status).toBe(204);
      const list = await r.admin.get(`${base}/routes`);
      expect(list.body.data).toHaveLength(2);
      expect((await r.admin.get(`${base}/routes/rte_01J00000000000000000000000`)).status).toBe(404);
    });
  });
});
