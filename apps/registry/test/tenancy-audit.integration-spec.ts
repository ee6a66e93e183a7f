import { CredentialsDouble, type TestClient } from '@portico/testing';
import { startRegistry, versionBody, type Registry } from './helpers';

describe('registry: tenants, roles and the audit log', () => {
  let r: Registry;
  let creds: CredentialsDouble;
  let otherAdmin: TestClient;
  let auditor: TestClient;
  let consumer: TestClient;
  let user: TestClient;
  let apiId: string;

  beforeAll(async () => {
    creds = await CredentialsDouble.start();
    r = await startRegistry();
    const as = (key: string) => r.app.client.withHeaders({ 'x-api-key': key });
    otherAdmin = as(creds.addKey('pk_other_tenant_admin_01', { role: 'admin', tenantId: 'ten_b' }));
    auditor = as(creds.addKey('pk_default_auditor_0001', { role: 'auditor', actorId: 'usr_aud' }));
    consumer = as(creds.addKey('pk_default_consumer_001', { role: 'consumer' }));
    user = as(creds.addKey('pk_default_user_00000001', { role: 'user', actorId: 'usr_alice' }));
    const created = await r.admin.post('/api/v1/apis', { name: 'secret-api', title: 'Secret' });
    apiId = created.body.data.id;
    await r.admin.post('/api/v1/apis/secret-api/versions', versionBody('v1'));
  });
  afterAll(async () => {
    await r.close();
    await creds.stop();
  });

  it("answers 404 for another tenant's API on every path, and lets it reuse the name", async () => {
    const paths = [
      ['GET', `/api/v1/apis/${apiId}`],
      ['GET', '/api/v1/apis/secret-api'],
      ['PATCH', `/api/v1/apis/${apiId}`],
      ['DELETE', `/api/v1/apis/${apiId}`],
      ['GET', `/api/v1/apis/${apiId}/versions`],
      ['GET', `/api/v1/apis/${apiId}/versions/v1`],
      ['POST', `/api/v1/apis/${apiId}/versions`],
      ['POST', `/api/v1/apis/${apiId}/versions/v1/publish`],
      ['PUT', `/api/v1/apis/${apiId}/versions/v1/policies`],
      ['GET', `/api/v1/apis/${apiId}/versions/v1/routes`],
      ['POST', `/api/v1/apis/${apiId}/versions/v1/routes`],
      ['GET', `/api/v1/apis/${apiId}/versions/v1/openapi`],
    ] as const;
    const bodies: Record<string, unknown> = {
      PATCH: { title: 'Mine now' },
      PUT: {},
    };
    for (const [method, path] of paths) {
      let body: unknown = bodies[method];
      if (path.endsWith('/versions') && method === 'POST') body = versionBody('v2');
      if (path.endsWith('/routes') && method === 'POST') body = { method: 'GET', path: '/x' };
      const res = await otherAdmin.request(method, path, { body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const list = await otherAdmin.get('/api/v1/apis');
    expect(list.body.pagination.total).toBe(0);
    const mine = await otherAdmin.post('/api/v1/apis', { name: 'secret-api', title: 'Theirs' });
    expect(mine.status).toBe(201);
    expect(mine.body.data.tenantId).toBe('ten_b');
    expect((await r.admin.get('/api/v1/apis/secret-api')).body.data.title).toBe('Secret');
    const table = await otherAdmin.get('/api/v1/route-table');
    expect(table.body.data.apis).toEqual([]);
    const audit = await otherAdmin.get(`/api/v1/audit?entity=${apiId}`);
    expect(audit.body.pagination.total).toBe(0);
  });

  it('lets auditors read but not write; consumers neither; users write', async () => {
    expect((await auditor.get('/api/v1/apis/secret-api')).status).toBe(200);
    expect((await auditor.get('/api/v1/audit')).status).toBe(200);
    const write = await auditor.patch('/api/v1/apis/secret-api', { title: 'No' });
    expect(write.status).toBe(403);
    expect((await auditor.get('/api/v1/route-table')).status).toBe(403);
    expect((await consumer.get('/api/v1/apis')).status).toBe(403);
    expect((await consumer.get('/api/v1/audit')).status).toBe(403);
    expect((await user.get('/api/v1/audit')).status).toBe(403);
    const edit = await user.patch('/api/v1/apis/secret-api', { description: 'Edited by Alice' });
    expect(edit.status).toBe(200);
  });

  it('records who changed what and when, with before and after, filterable and paginated', async () => {
    const since = new Date().toISOString();
    await user.patch('/api/v1/apis/secret-api', { title: 'Secret v2' });
    const byActor = await auditor.get('/api/v1/audit?actor=usr_alice');
    expect(byActor.status).toBe(200);
    expect(byActor.body.data).toHaveLength(2);
    const last = byActor.body.data[0];
    expect(last).toMatchObject({
      action: 'api.updated',
      entityType: 'api',
      entityId: apiId,
      apiId,
      actor: { id: 'usr_alice', role: 'user' },
      before: { title: 'Secret', description: 'Edited by Alice' },
      after: { title: 'Secret v2' },
    });
    expect(typeof last.revision).toBe('number');
    expect(Date.parse(last.at)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);

    const recent = await auditor.get(`/api/v1/audit?since=${encodeURIComponent(since)}`);
    expect(recent.body.data.map((e: { action: string }) => e.action)).toEqual(['api.updated']);

    const byApi = await auditor.get(`/api/v1/audit?entity=${apiId}`);
    expect(byApi.body.data.map((e: { action: string }) => e.action)).toEqual([
      'api.updated',
      'api.updated',
      'version.created',
      'api.created',
    ]);
    expect(byApi.body.data[3]).toMatchObject({
      actor: { id: expect.any(String), role: 'admin' },
      before: null,
      after: { name: 'secret-api' },
    });
    const versions = await auditor.get('/api/v1/audit?entity=version');
    expect(
      versions.body.data.every((e: { entityType: string }) => e.entityType === 'version'),
    ).toBe(true);
    const paged = await auditor.get(`/api/v1/audit?entity=${apiId}&limit=3&page=2`);
    expect(paged.body.pagination).toEqual({ page: 2, limit: 3, total: 4 });
    expect(paged.body.data).toHaveLength(1);
    const bad = await auditor.get('/api/v1/audit?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('since');
  });
});
