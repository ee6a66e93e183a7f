import dns from 'node:dns';
import { waitFor } from '@portico/testing';
import { Client } from 'pg';
import { Receiver } from './support/receiver';
import { startHarness, type Harness } from './support/setup';

/** Saves an endpoint with a public address, then points it elsewhere behind the API's back. */
async function insertEndpoint(h: Harness, baseUrl: string): Promise<void> {
  const created = await h.admin.post('/api/v1/webhooks/endpoints', {
    url: 'https://93.184.216.34/in',
  });
  expect(created.status).toBe(201);
  const [id, url] = [created.body.data.id, `${baseUrl}/rebound`];
  const pg = new Client({ connectionString: h.db.databaseUrl });
  await pg.connect();
  try {
    await pg.query(`UPDATE "${h.db.schema}".webhook_endpoints SET url = $1 WHERE id = $2`, [
      url,
      id,
    ]);
  } finally {
    await pg.end();
  }
}

describe('webhook endpoints API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates an endpoint with the seed defaults and returns its secret once', async () => {
    const res = await h.admin.post('/api/v1/webhooks/endpoints', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['registry.version.*'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      tenantId: 'ten_default',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['registry.version.*'],
      httpMethod: 'POST',
      headers: {},
      retryCount: 7,
      retrySchedule: null,
      timeoutSeconds: 15,
      isActive: true,
    });
    expect(res.body.data.id).toMatch(/^whe_[0-9A-Z]{26}$/);
    const secret: string = res.body.data.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);

    const got = await h.admin.get(`/api/v1/webhooks/endpoints/${res.body.data.id}`);
    expect(got.body.data.secret).toBeUndefined();
    const revealed = await h.admin.get(`/api/v1/webhooks/endpoints/${res.body.data.id}/secret`);
    expect(revealed.body.data.secret).toBe(secret);
  });

  it('stores the secret encrypted, never in plain text', async () => {
    const secret = 'whsec_' + Buffer.alloc(24, 42).toString('base64');
    const res = await h.admin.post('/api/v1/webhooks/endpoints', {
      url: 'http://127.0.0.1:9/enc',
      secret,
    });
    const pg = new Client({ connectionString: h.db.databaseUrl });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `SELECT secret_encrypted FROM "${h.db.schema}".webhook_endpoints WHERE id = $1`,
        [res.body.data.id],
      );
      expect(rows[0].secret_encrypted).toMatch(/^v1\./);
      expect(rows[0].secret_encrypted).not.toContain(secret.slice(6));
    } finally {
      await pg.end();
    }
  });

  it('updates fields that are sent and keeps the others; rotates the secret', async () => {
    const created = await h.admin.post('/api/v1/webhooks/endpoints', {
      url: 'http://127.0.0.1:9/a',
      description: 'first',
      headers: { 'X-Team': 'payments' },
      retrySchedule: [1, 2, 3],
    });
    const id = created.body.data.id;
    expect(created.body.data.retryCount).toBe(3);
    const updated = await h.admin.put(`/api/v1/webhooks/endpoints/${id}`, {
      description: 'second',
      isActive: false,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      description: 'second',
      headers: { 'X-Team': 'payments' },
      isActive: false,
      disabledReason: 'manual',
    });
    const rotated = await h.admin.post(`/api/v1/webhooks/endpoints/${id}/secret/rotate`, {
      overlapSeconds: 3600,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).not.toBe(created.body.data.secret);
    expect(Date.parse(rotated.body.data.previousSecretUntil) - Date.now()).toBeGreaterThan(
      3500_000,
    );
  });

  it('lists with pagination and deletes', async () => {
    const list = await h.admin.get('/api/v1/webhooks/endpoints?limit=2');
    expect(list.body.pagination).toMatchObject({ page: 1, limit: 2 });
    expect(list.body.pagination.total).toBeGreaterThanOrEqual(3);
    expect(list.body.data).toHaveLength(2);
    const id = list.body.data[0].id;
    expect((await h.admin.delete(`/api/v1/webhooks/endpoints/${id}`)).status).toBe(204);
    expect((await h.admin.get(`/api/v1/webhooks/endpoints/${id}`)).status).toBe(404);
  });

  it('validates input and names every bad field', async () => {
    const res = await h.admin.post('/api/v1/webhooks/endpoints', {
      url: 'not a url',
      eventTypes: ['bad type!'],
      httpMethod: 'GET',
      headers: { 'webhook-id': 'x' },
      timeoutSeconds: 0,
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual([
      'eventTypes.0',
      'headers.webhook-id',
      'httpMethod',
      'timeoutSeconds',
      'url',
    ]);
  });

  describe('SSRF guard', () => {
    let strict: Harness;
    beforeAll(async () => {
      strict = await startHarness({ PORTICO_EGRESS_ALLOW_SUBNETS: '' });
    });
    afterAll(() => strict.close());

    it.each([
      ['http://127.0.0.1:8080/hook', 'loopback'],
      ['http://10.1.2.3/hook', 'private'],
      ['http://169.254.169.254/latest/meta-data', 'metadata'],
      ['http://[::1]:9000/hook', 'loopback'],
      ['http://localhost:9000/hook', 'loopback'],
    ])('refuses %s with a 400 naming the reason (%s)', async (url, reason) => {
      const res = await strict.admin.post('/api/v1/webhooks/endpoints', { url });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details[0]).toMatchObject({
        field: 'url',
        code: `egress_${reason.replace('-', '_')}`,
      });
    });

    it('refuses a host name that resolves to a private address', async () => {
      // No resolver here knows such a name; stand in for DNS (only), as a rebinding attacker would.
      const real = dns.lookup;
      const spy = jest.spyOn(dns, 'lookup').mockImplementation(((
        host: string,
        opts: unknown,
        cb: (...a: unknown[]) => void,
      ) => {
        if (host === 'hooks.internal.example')
          return cb(null, [{ address: '10.20.30.40', family: 4 }]);
        return (real as unknown as (...a: unknown[]) => void)(host, opts, cb);
      }) as unknown as typeof dns.lookup);
      try {
        const res = await strict.admin.post('/api/v1/webhooks/endpoints', {
          url: 'https://hooks.internal.example/in',
        });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].code).toBe('egress_private');
        expect(res.body.error.message).toContain('private network address');
      } finally {
        spy.mockRestore();
      }
    });

    it('checks the address again at send time (an address that changed after the URL was saved)', async () => {
      const rx = await Receiver.start();
      try {
        // A URL that passed the check when saved, and whose target is now a loopback address.
        await insertEndpoint(strict, rx.url);
        const msg = await strict.admin.post('/api/v1/webhooks/messages', {
          eventType: 'rebind.x',
          payload: {},
        });
        const attempt = await waitFor(async () => {
          const a = await strict.admin.get(
            `/api/v1/webhooks/messages/${msg.body.data.id}/attempts`,
          );
          return a.body.data[0];
        });
        expect(attempt).toMatchObject({ status: 'failed', responseStatus: null });
        expect(attempt.error).toMatch(/refused: it points at a loopback address/);
        expect(rx.received).toHaveLength(0);
      } finally {
        await rx.stop();
      }
    });

    it('refuses the same on update', async () => {
      const ok = await h.admin.post('/api/v1/webhooks/endpoints', { url: 'http://127.0.0.1:9/x' });
      const res = await h.admin.put(`/api/v1/webhooks/endpoints/${ok.body.data.id}`, {
        url: 'http://10.0.0.1/x',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].code).toBe('egress_private');
    });
  });

  describe('tenant isolation', () => {
    it("never shows or changes another tenant's endpoint: 404, not 403", async () => {
      const a = h.as('ten_a', 'admin');
      const b = h.as('ten_b', 'admin');
      const mine = await a.post('/api/v1/webhooks/endpoints', { url: 'http://127.0.0.1:9/a' });
      expect(mine.status).toBe(201);
      expect(mine.body.data.tenantId).toBe('ten_a');
      const id = mine.body.data.id;
      for (const res of [
        await b.get(`/api/v1/webhooks/endpoints/${id}`),
        await b.put(`/api/v1/webhooks/endpoints/${id}`, { description: 'x' }),
        await b.delete(`/api/v1/webhooks/endpoints/${id}`),
        await b.get(`/api/v1/webhooks/endpoints/${id}/secret`),
        await b.post(`/api/v1/webhooks/endpoints/${id}/recover`, {
          since: new Date().toISOString(),
        }),
      ]) {
        expect(res.status).toBe(404);
      }
      const listB = await b.get('/api/v1/webhooks/endpoints');
      expect(listB.body.data.map((e: { id: string }) => e.id)).not.toContain(id);
      expect((await a.get(`/api/v1/webhooks/endpoints/${id}`)).status).toBe(200);
    });

    it('lets auditors read but not write, and scopes consumers to their own endpoints', async () => {
      const auditor = h.as('ten_c', 'auditor');
      expect((await auditor.get('/api/v1/webhooks/endpoints')).status).toBe(200);
      expect(
        (await auditor.post('/api/v1/webhooks/endpoints', { url: 'http://127.0.0.1:9/a' })).status,
      ).toBe(403);
      const admin = h.as('ten_c', 'admin');
      const tenantWide = await admin.post('/api/v1/webhooks/endpoints', {
        url: 'http://127.0.0.1:9/t',
      });
      const consumer = h.as('ten_c', 'consumer', 'con_1');
      const own = await consumer.post('/api/v1/webhooks/endpoints', {
        url: 'http://127.0.0.1:9/c',
        consumerId: 'con_someone_else',
      });
      expect(own.body.data.consumerId).toBe('con_1');
      const seen = await consumer.get('/api/v1/webhooks/endpoints');
      expect(seen.body.data.map((e: { id: string }) => e.id)).toEqual([own.body.data.id]);
      expect(
        (await consumer.get(`/api/v1/webhooks/endpoints/${tenantWide.body.data.id}`)).status,
      ).toBe(404);
    });
  });

  it('serves the event-type catalogue', async () => {
    const res = await h.admin.get('/api/v1/webhooks/event-types');
    expect(res.status).toBe(200);
    const types = res.body.data.map((t: { type: string }) => t.type);
    expect(types).toEqual(
      expect.arrayContaining(['registry.api.created', 'webhook.message.exhausted']),
    );
    const exhausted = res.body.data.find(
      (t: { type: string }) => t.type === 'webhook.message.exhausted',
    );
    expect(exhausted.schema.properties).toHaveProperty('messageId');
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = await h.app.client.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks/endpoints',
        '/api/v1/webhooks/endpoints/{id}',
        '/api/v1/webhooks/endpoints/{id}/recover',
        '/api/v1/webhooks/messages',
        '/api/v1/webhooks/messages/{id}/attempts',
        '/api/v1/webhooks/messages/{id}/resend',
        '/api/v1/webhooks/event-types',
        '/api/v1/webhooks/dead-letters',
      ]),
    );
  });
});
