import {
  RouteSnapshotSchema,
  RpcSubject,
  type CloudEvent,
  type RouteSnapshot,
} from '@portico/contracts';
import type { Messaging } from '@portico/messaging';
import { waitFor } from '@portico/testing';
import {
  startRegistry,
  storedRegistryEvents,
  testMessaging,
  versionBody,
  type Registry,
} from './helpers';

describe('registry: the route table and its change events', () => {
  let r: Registry;
  let m: Messaging;

  beforeAll(async () => {
    r = await startRegistry();
    m = await testMessaging();
  });
  afterAll(async () => {
    await m.close();
    await r.close();
  });

  const natsSnapshot = () => m.request<RouteSnapshot>(RpcSubject.registrySnapshot, {});
  const restRevision = async () => (await r.admin.get('/api/v1/route-table')).body.data.revision;

  it('bumps the revision once per change and announces each change exactly once, in order', async () => {
    const start = await restRevision();
    const steps: Array<[string, () => Promise<{ status: number }>]> = [
      ['registry.api.created', () => r.admin.post('/api/v1/apis', { name: 'cams', title: 'Cams' })],
      ['registry.api.updated', () => r.admin.patch('/api/v1/apis/cams', { tags: ['iot'] })],
      [
        'registry.version.created',
        () =>
          r.admin.post(
            '/api/v1/apis/cams/versions',
            versionBody('v1', { policies: { timeoutMs: 3000, cache: { ttlSeconds: 60 } } }),
          ),
      ],
      ['registry.version.published', () => r.admin.post('/api/v1/apis/cams/versions/v1/publish')],
      [
        'registry.route.changed',
        () =>
          r.admin.post('/api/v1/apis/cams/versions/v1/routes', {
            method: 'DELETE',
            path: '/{id}',
            policies: { auth: { type: 'jwt', scopes: ['cams:admin'] }, cache: { ttlSeconds: 1 } },
          }),
      ],
      [
        'registry.version.updated',
        () => r.admin.put('/api/v1/apis/cams/versions/v1/policies', { timeoutMs: 4000 }),
      ],
      [
        'registry.version.deprecated',
        () =>
          r.admin.post('/api/v1/apis/cams/versions/v1/deprecate', {
            sunsetAt: '2099-06-01T00:00:00Z',
          }),
      ],
      ['registry.version.retired', () => r.admin.post('/api/v1/apis/cams/versions/v1/retire')],
    ];
    const revisions: number[] = [];
    for (const [, step] of steps) {
      const res = await step();
      expect([200, 201]).toContain(res.status);
      revisions.push(await restRevision());
      expect((await natsSnapshot()).revision).toBe(revisions.at(-1));
    }
    expect(revisions).toEqual(steps.map((_, i) => start + i + 1));

    // A refused change changes nothing.
    expect((await r.admin.post('/api/v1/apis/cams/versions/v1/publish')).status).toBe(409);
    expect(await restRevision()).toBe(start + steps.length);

    const events = await waitFor(
      async () => {
        const all = (await storedRegistryEvents(m)).filter((e) => e.revision! > start);
        return all.length >= steps.length ? all : undefined;
      },
      { what: 'the registry events in JetStream' },
    );
    expect(events.map((e) => e.type)).toEqual(steps.map(([type]) => type));
    expect(events.map((e) => e.revision)).toEqual(revisions);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Ids are ULIDs whose order is revision order (the relay publishes in id order).
    const ids = events.map((e) => e.id);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(events.every((e) => e.source === 'registry' && e.tenantid === 'ten_default')).toBe(true);
    const deprecated = events.find((e) => e.type === 'registry.version.deprecated') as CloudEvent<{
      sunsetAt: string;
    }>;
    expect(deprecated.data.sunsetAt).toBe('2099-06-01T00:00:00.000Z');

    // The relay marked every row, so nothing is published a second time.
    await waitFor(async () => (await pendingOutboxRows(r)) === 0, { what: 'the outbox to drain' });
  });

  it('compiles published, deprecated and retired versions with effective policies', async () => {
    await r.admin.post('/api/v1/apis', { name: 'parking', title: 'Parking' });
    await r.admin.post(
      '/api/v1/apis/parking/versions',
      versionBody('v1', {
        basePath: '/parking',
        upstream: { targets: [{ url: 'http://127.0.0.1:9001', weight: 5 }] },
        policies: { rateLimit: { requests: 10, windowSeconds: 1, scope: 'ip' } },
      }),
    );
    await r.admin.post(
      '/api/v1/apis/parking/versions',
      versionBody('v2', { basePath: '/parking' }),
    );
    await r.admin.post('/api/v1/apis/parking/versions/v1/publish');

    const snapshot = RouteSnapshotSchema.parse(await natsSnapshot());
    const byName = new Map(snapshot.apis.map((a) => [a.name, a]));
    const cams = byName.get('cams')!;
    expect(cams.versions).toHaveLength(1);
    expect(cams.versions[0]).toMatchObject({
      version: 'v1',
      status: 'retired',
      basePath: '/cameras',
      sunsetAt: '2099-06-01T00:00:00.000Z',
    });
    const del = cams.versions[0]!.routes.find((x) => x.method === 'DELETE')!;
    expect(del.policies).toMatchObject({
      timeoutMs: 4000,
      auth: { type: 'jwt', scopes: ['cams:admin'] },
      cache: { ttlSeconds: 1 },
    });
    const parking = byName.get('parking')!;
    expect(parking.versions.map((v) => `${v.version}:${v.status}`)).toEqual(['v1:published']);
    expect(parking.versions[0]!.upstream.targets).toEqual([
      { url: 'http://127.0.0.1:9001', weight: 5 },
    ]);
    expect(parking.versions[0]!.routes.map((x) => `${x.method} ${x.path}`)).toEqual([
      'GET /',
      'GET /{id}',
    ]);
    expect(parking.versions[0]!.routes[1]).toMatchObject({
      operationId: 'getCamera',
      policies: { rateLimit: { requests: 10, windowSeconds: 1, scope: 'ip' } },
    });
    expect(snapshot.revision).toBe(await restRevision());
  });

  it('serves the REST table to admins and system only, scoped to their tenant', async () => {
    const res = await r.admin.get('/api/v1/route-table');
    expect(res.status).toBe(200);
    expect(
      res.body.data.apis.every((a: { tenantId: string }) => a.tenantId === 'ten_default'),
    ).toBe(true);
    expect((await r.app.client.get('/api/v1/route-table')).status).toBe(401);
  });
});

async function pendingOutboxRows(r: Registry): Promise<number> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: r.db.databaseUrl });
  await c.connect();
  try {
    const res = await c.query(
      `SELECT count(*)::int AS n FROM "${r.db.schema}".outbox_events WHERE published_at IS NULL`,
    );
    return res.rows[0].n as number;
  } finally {
    await c.end();
  }
}
