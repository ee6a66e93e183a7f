import { startTestApp, waitFor } from '@portico/testing';
import { integrationConnectorsService } from '../src/service';
import {
  ADMIN_KEY,
  SECRET_KEY,
  admin,
  createConnection,
  createDefinition,
  destSchema,
  dropDestinations,
  rows,
  startHarness,
  type Harness,
} from './support/harness';
import { StandIn } from './support/stand-in';

const YAML_DEF = (baseUrl: string) => `
name: crm-api
baseUrl: ${baseUrl}/v1
auth: { type: apiKey, in: header, name: X-Api-Key }
streams:
  - name: contacts
    path: /contacts
    recordSelector: data
    primaryKey: [id]
    fields:
      - { name: id, type: integer }
      - { name: name, type: string }
`;

describe('connectors API: definitions, connections, check, isolation', () => {
  let h: Harness;
  let api: StandIn;
  const schemas: string[] = [];
  const SECRET = 'sk_live_supersecret_value_123';

  beforeAll(async () => {
    h = await startHarness();
    api = await StandIn.start((req) =>
      req.headers['x-api-key'] === SECRET
        ? { body: { data: [{ id: 1, name: 'A' }] } }
        : { status: 401, body: { error: 'bad key' } },
    );
  });
  afterAll(async () => {
    await dropDestinations(h.pg, schemas);
    await api.close();
    await h.close();
  });

  it('publishes the definition JSON Schema without authentication', async () => {
    const res = await h.app.client.get('/api/v1/connectors/schema');
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Portico connector definition');
    expect(res.body.properties.streams.type).toBe('array');
    expect(res.body.properties.auth).toBeDefined();
  });

  it('accepts a YAML definition and fills defaults; refuses invalid ones with details', async () => {
    const res = await h.app.client.post(
      '/api/v1/connectors/definitions',
      { manifest: YAML_DEF(api.url) },
      admin,
    );
    expect(res.status).toBe(201);
    expect(res.body.data.id).toMatch(/^cnr_/);
    expect(res.body.data.manifest.streams[0].paginator).toEqual({ type: 'none' });
    expect(res.body.data.manifest.retry.maxAttempts).toBe(4);

    const bad = await h.app.client.post(
      '/api/v1/connectors/definitions',
      {
        manifest: {
          name: 'x',
          baseUrl: 'ftp://nope',
          streams: [{ name: 'S', path: 'x', fields: [] }],
        },
      },
      admin,
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['manifest.streams.0.name', 'manifest.streams.0.path']),
    );

    const badExpr = await h.app.client.post(
      '/api/v1/connectors/definitions',
      {
        manifest: {
          name: 'expr',
          baseUrl: 'http://127.0.0.1:1',
          streams: [
            {
              name: 's',
              path: '/s',
              fields: [{ name: 'a', type: 'string' }],
              transforms: [{ type: 'compute', field: 'a', expression: 'a +' }],
            },
          ],
        },
      },
      admin,
    );
    expect(badExpr.status).toBe(400);
    expect(badExpr.text).toContain('transforms[0]');

    const dup = await h.app.client.post(
      '/api/v1/connectors/definitions',
      { manifest: YAML_DEF(api.url) },
      admin,
    );
    expect(dup.status).toBe(409);
  });

  it('stores credentials encrypted, never returns or logs them, and checks without loading', async () => {
    const definitionId = await createDefinition(
      h,
      YAML_DEF(api.url).replace('crm-api', 'crm-api-2'),
    );
    const schema = destSchema('api');
    schemas.push(schema);
    const created = await h.app.client.post(
      '/api/v1/connectors',
      {
        name: 'CRM',
        definitionId,
        credentials: { apiKey: SECRET },
        destination: { schema, streams: { contacts: { loadMode: 'upsert' } } },
      },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.data.credentials).toEqual({ configured: true, fields: ['apiKey'] });
    expect(created.text).not.toContain(SECRET);
    const id = created.body.data.id;

    const check = await h.app.client.post(`/api/v1/connectors/${id}/check`, undefined, admin);
    expect(check.status).toBe(200);
    expect(check.body.data).toEqual({
      ok: true,
      streams: [
        expect.objectContaining({
          name: 'contacts',
          ok: true,
          httpStatus: 200,
          destination: 'missing',
        }),
      ],
    });
    // Nothing loaded: the schema was not even created.
    expect(await rows(h, 'SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toHaveLength(
      0,
    );

    const wrong = await h.app.client.patch(
      `/api/v1/connectors/${id}`,
      { credentials: { apiKey: 'wrong-key-value' } },
      admin,
    );
    expect(wrong.status).toBe(200);
    const failed = await h.app.client.post(`/api/v1/connectors/${id}/check`, undefined, admin);
    expect(failed.body.data.ok).toBe(false);
    expect(failed.body.data.streams[0]).toMatchObject({ httpStatus: 401, ok: false });
    expect(failed.text).not.toContain('wrong-key-value');
    await h.app.client.patch(
      `/api/v1/connectors/${id}`,
      { credentials: { apiKey: SECRET } },
      admin,
    );

    // The database holds no plain-text credential anywhere in the service's schema.
    const dump = await rows<{ t: string }>(
      h,
      `SELECT string_agg(row_to_json(c)::text, ' ') AS t FROM "${h.db.schema}".connections c`,
    );
    expect(dump[0]!.t).toContain('v1.');
    expect(dump[0]!.t).not.toContain(SECRET);
    expect(dump[0]!.t).not.toContain('wrong-key-value');
    expect(JSON.stringify(h.app.logs)).not.toContain(SECRET);
    expect(JSON.stringify(h.app.logs)).not.toContain('wrong-key-value');
  });

  it('refuses reserved and foreign schemas, unknown streams, and upsert without a key', async () => {
    const definitionId = await createDefinition(
      h,
      YAML_DEF(api.url).replace('crm-api', 'crm-api-3'),
    );
    const base = { name: 'x', definitionId, credentials: { apiKey: SECRET } };
    for (const schema of ['connectors', 'public', h.db.schema, 'pg_catalog']) {
      const res = await h.app.client.post(
        '/api/v1/connectors',
        { ...base, destination: { schema } },
        admin,
      );
      expect(res.status).toBe(400);
    }
    await h.pg.query('CREATE SCHEMA IF NOT EXISTS someone_elses_schema');
    const foreign = await h.app.client.post(
      '/api/v1/connectors',
      { ...base, destination: { schema: 'someone_elses_schema' } },
      admin,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].code).toBe('schema_unavailable');
    await h.pg.query('DROP SCHEMA someone_elses_schema');

    const unknown = await h.app.client.post(
      '/api/v1/connectors',
      { ...base, destination: { schema: destSchema('u'), streams: { nope: {} } } },
      admin,
    );
    expect(unknown.status).toBe(400);
    const missingCreds = await h.app.client.post(
      '/api/v1/connectors',
      { ...base, credentials: {}, destination: { schema: destSchema('c') } },
      admin,
    );
    expect(missingCreds.status).toBe(400);
    expect(missingCreds.body.error.details[0].field).toBe('credentials.apiKey');
  });

  it('refuses an existing table that does not fit, with the reasons', async () => {
    const definitionId = await createDefinition(
      h,
      YAML_DEF(api.url).replace('crm-api', 'crm-api-4'),
    );
    const schema = destSchema('inc');
    schemas.push(schema);
    const id = await createConnection(h, {
      name: 'ok',
      definitionId,
      credentials: { apiKey: SECRET },
      destination: { schema },
    });
    await h.pg.query(`CREATE SCHEMA "${schema}"`);
    await h.pg.query(`CREATE TABLE "${schema}".contacts (id text, name text, extra int NOT NULL)`);
    const res = await h.app.client.patch(`/api/v1/connectors/${id}`, { name: 'again' }, admin);
    expect(res.status).toBe(400);
    const messages = res.body.error.details.map((d: { message: string }) => d.message).join(' | ');
    expect(messages).toContain(`column 'id' is text, the stream declares integer`);
    expect(messages).toContain(`column 'extra' is NOT NULL without a default`);
  });

  it("answers 404 for another tenant's connectors and definitions, and lists only the caller's", async () => {
    const other = h.creds.addKey('pk_other_tenant_admin_0001', {
      role: 'admin',
      tenantId: 'ten_other',
    });
    const otherHdr = { headers: { 'x-api-key': other } };
    const list = await h.app.client.get('/api/v1/connectors', admin);
    const id = list.body.data[0].id;
    expect((await h.app.client.get(`/api/v1/connectors/${id}`, otherHdr)).status).toBe(404);
    expect(
      (await h.app.client.post(`/api/v1/connectors/${id}/runs`, undefined, otherHdr)).status,
    ).toBe(404);
    expect((await h.app.client.get(`/api/v1/connectors/${id}/health`, otherHdr)).status).toBe(404);
    expect((await h.app.client.delete(`/api/v1/connectors/${id}`, otherHdr)).status).toBe(404);
    expect((await h.app.client.get('/api/v1/connectors', otherHdr)).body.data).toEqual([]);
    // A destination schema belongs to the tenant that claimed it first.
    const mine = (await h.app.client.get(`/api/v1/connectors/${id}`, admin)).body.data;
    const theirDef = (
      await h.app.client.post(
        '/api/v1/connectors/definitions',
        { manifest: YAML_DEF(api.url).replace('crm-api', 'theirs') },
        otherHdr,
      )
    ).body.data.id;
    const stolen = await h.app.client.post(
      '/api/v1/connectors',
      {
        name: 'x',
        definitionId: theirDef,
        credentials: { apiKey: 'k-theirs' },
        destination: { schema: mine.destination.schema },
      },
      otherHdr,
    );
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details[0].code).toBe('schema_unavailable');
    const crossDef = await h.app.client.post(
      '/api/v1/connectors',
      { name: 'x', definitionId: mine.definitionId, destination: { schema: destSchema('x') } },
      otherHdr,
    );
    expect(crossDef.status).toBe(400);
    const defs = await h.app.client.get('/api/v1/connectors/definitions', admin);
    expect(
      (await h.app.client.get(`/api/v1/connectors/definitions/${defs.body.data[0].id}`, otherHdr))
        .status,
    ).toBe(404);
    const user = h.creds.addKey('pk_user_in_default_0001', { role: 'user' });
    expect(
      (await h.app.client.post('/api/v1/connectors', {}, { headers: { 'x-api-key': user } }))
        .status,
    ).toBe(403);
  });

  it('refuses loopback and private targets unless the egress allow-list has them; drops old history', async () => {
    const conn = (await h.app.client.get('/api/v1/connectors', admin)).body.data[0].id;
    await h.pg.query(
      `INSERT INTO "${h.db.schema}".connector_errors (id, tenant_id, connection_id, kind, message, created_at)
       VALUES ('old-error', 'ten_default', $1, 'internal', 'old', now() - interval '40 days')`,
      [conn],
    );
    await h.pg.query(
      `INSERT INTO "${h.db.schema}".action_cache (tenant_id, key, value, expires_at)
       VALUES ('ten_default', 'stale', '1', now() - interval '1 second')`,
    );
    const strict = await startTestApp(integrationConnectorsService, {
      DATABASE_URL: h.db.url,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_SECRET_KEY: SECRET_KEY,
    });
    try {
      // Its first scheduler round deletes history past retention and expired cache entries.
      await waitFor(async () => {
        const left = await rows<{ n: number }>(
          h,
          `SELECT (SELECT count(*) FROM "${h.db.schema}".connector_errors WHERE id = 'old-error')
                + (SELECT count(*) FROM "${h.db.schema}".action_cache WHERE key = 'stale') AS n`,
        );
        return Number(left[0]!.n) === 0;
      });
      const definitionId = await createDefinition(
        h,
        YAML_DEF(api.url).replace('crm-api', 'crm-api-egress'),
      );
      const body = {
        name: 'x',
        definitionId,
        credentials: { apiKey: SECRET },
        destination: { schema: destSchema('eg') },
      };
      const loopback = await strict.client.post('/api/v1/connectors', body, admin);
      expect(loopback.status).toBe(400);
      expect(loopback.body.error.details[0].code).toBe('egress_loopback');
      const metadata = await strict.client.post(
        '/api/v1/connectors',
        { ...body, baseUrl: 'http://169.254.169.254/latest' },
        admin,
      );
      expect(metadata.body.error.details[0].code).toBe('egress_metadata');
      const privateNet = await strict.client.post(
        '/api/v1/connectors',
        { ...body, baseUrl: 'http://10.1.2.3/v1' },
        admin,
      );
      expect(privateNet.body.error.details[0].code).toBe('egress_private');
    } finally {
      await strict.close();
    }
  });
});
