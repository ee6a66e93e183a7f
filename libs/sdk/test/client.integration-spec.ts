import {
  createTestSchema,
  startTestApp,
  type TestApp,
  type TestSchema,
  waitFor,
} from '@portico/testing';
import { consumerManagementService } from '../../../apps/consumer-management/src/service';
import { registryService } from '../../../apps/registry/src/service';
import { createPorticoClient, PorticoApiError } from '../src';

// The SDK against the real services: registry for APIs, consumer-management answering the
// registry's credential checks over NATS (and serving consumers).
const ADMIN_KEY = 'pk_sdk_bootstrap_admin_key_0001';
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');

describe('@portico/sdk against running services', () => {
  let registry: TestApp;
  let consumers: TestApp;
  const schemas: TestSchema[] = [];

  beforeAll(async () => {
    const [rdb, cdb] = await Promise.all([
      createTestSchema('registry'),
      createTestSchema('consumers'),
    ]);
    schemas.push(rdb, cdb);
    const common = { PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn' };
    consumers = await startTestApp(consumerManagementService, {
      ...common,
      DATABASE_URL: cdb.url,
      PORTICO_SECRET_KEY: SECRET_KEY,
    });
    registry = await startTestApp(registryService, { ...common, DATABASE_URL: rdb.url });
    await Promise.all([consumers.waitUntilReady(30_000), registry.waitUntilReady(30_000)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled([registry?.close(), consumers?.close()]);
    await Promise.allSettled(schemas.map((s) => s.drop()));
  });

  it('creates an API with the typed client and reads it back', async () => {
    const portico = createPorticoClient({ baseUrl: registry.url, apiKey: ADMIN_KEY });
    const created = await portico.unwrap<{ id: string; name: string }>(
      portico.api.POST('/api/v1/apis', { body: { name: 'sdk-orders', title: 'Orders' } }),
    );
    expect(created.id).toMatch(/^api_/);
    const read = await portico.unwrap<{ id: string; title: string }>(
      portico.api.GET('/api/v1/apis/{api}', { params: { path: { api: 'sdk-orders' } } }),
    );
    expect(read).toMatchObject({ id: created.id, title: 'Orders' });
  });

  it('walks a paginated list page by page with the async iterator', async () => {
    const portico = createPorticoClient({ baseUrl: registry.url, apiKey: ADMIN_KEY });
    const names = Array.from({ length: 5 }, (_, i) => `sdk-page-${i}`);
    for (const name of names) {
      await portico.unwrap(portico.api.POST('/api/v1/apis', { body: { name, title: name } }));
    }
    const requested: string[] = [];
    const counting = createPorticoClient({
      baseUrl: registry.url,
      apiKey: ADMIN_KEY,
      fetch: (input, init) => {
        requested.push(new Request(input, init).url);
        return fetch(input, init);
      },
    });
    const seen: string[] = [];
    for await (const api of counting.paginate<{ name: string }>('/api/v1/apis', {
      limit: 2,
      query: { search: 'sdk-page' },
    })) {
      seen.push(api.name);
    }
    expect(seen.sort()).toEqual(names);
    // 5 items, 2 a page: three requests, no more.
    expect(requested).toHaveLength(3);
    expect(requested[2]).toContain('page=3');
  });

  it('surfaces a refused credential as a typed PorticoApiError', async () => {
    const portico = createPorticoClient({
      baseUrl: registry.url,
      apiKey: 'pk_not_a_real_key_000000000000',
      retries: 0,
    });
    const err = await portico.unwrap(portico.api.GET('/api/v1/apis')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorticoApiError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect((err as PorticoApiError).message).not.toHaveLength(0);
  });

  it('reaches consumer-management with the same client shape (bad input is VALIDATION_ERROR)', async () => {
    const portico = createPorticoClient({ baseUrl: consumers.url, apiKey: ADMIN_KEY });
    await waitFor(
      async () =>
        (await portico.api.GET('/api/v1/consumers', { params: { query: { limit: 1 } } })).response
          .ok,
      { timeoutMs: 20_000, what: 'consumer-management to accept the admin key' },
    );
    const created = await portico.unwrap<{ id: string }>(
      portico.api.POST('/api/v1/consumers', {
        body: { name: 'SDK consumer', email: 'sdk@example.com' },
      }),
    );
    expect(created.id).toMatch(/^con_/);
    const all: string[] = [];
    for await (const c of portico.paginate<{ id: string }>('/api/v1/consumers')) all.push(c.id);
    expect(all).toContain(created.id);
    const bad = await portico
      .unwrap(portico.api.POST('/api/v1/consumers', { body: { name: '' } as never }))
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });
});
