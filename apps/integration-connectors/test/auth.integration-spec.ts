import {
  admin,
  createConnection,
  createDefinition,
  destSchema,
  dropDestinations,
  rows,
  runToEnd,
  startHarness,
  type Harness,
} from './support/harness';
import { contacts, StandIn, type RecordedRequest, type Reply } from './support/stand-in';

const FIELDS = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'string' },
];
const STREAM = {
  name: 'items',
  path: '/items',
  recordSelector: 'data',
  primaryKey: ['id'],
  fields: FIELDS,
};

describe('authenticators against local stand-ins', () => {
  let h: Harness;
  let api: StandIn;
  const schemas: string[] = [];
  let check: (req: RecordedRequest) => boolean = () => true;
  let failNext = 0;
  const tokens = new Map<string, number>(); // token -> expires at (ms)
  let tokenSeq = 0;

  const handler = (req: RecordedRequest): Reply => {
    if (req.path === '/oauth/token') {
      const form = new URLSearchParams(req.body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== 'cid' ||
        form.get('client_secret') !== 'oauth-secret-xyz'
      ) {
        return { status: 401, body: { error: 'invalid_client' } };
      }
      const token = `tok-${++tokenSeq}`;
      tokens.set(token, Date.now() + 2000);
      return { body: { access_token: token, token_type: 'Bearer', expires_in: 2 } };
    }
    if (!check(req)) return { status: 401, body: { error: 'unauthorized' } };
    if (failNext > 0) {
      failNext--;
      return { status: 500, body: { error: 'transient' } };
    }
    return { body: { data: contacts(3).map(({ id, name }) => ({ id, name })) } };
  };

  const connect = async (name: string, auth: unknown, credentials: Record<string, string>) => {
    const definitionId = await createDefinition(h, {
      name,
      baseUrl: `${api.url}/v1`,
      auth,
      retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 },
      streams: [STREAM],
    });
    const schema = destSchema(name);
    schemas.push(schema);
    return createConnection(h, {
      name,
      definitionId,
      credentials,
      destination: { schema, streams: { items: { loadMode: 'upsert' } } },
    });
  };

  beforeAll(async () => {
    h = await startHarness();
    api = await StandIn.start((req) => handler(req));
  });
  afterAll(async () => {
    await dropDestinations(h.pg, schemas);
    await api.close();
    await h.close();
  });

  it('API key in a header, and in the query without leaking it into errors or logs', async () => {
    check = (req) => req.headers['x-api-key'] === 'Token hdr-key-123';
    const inHeader = await connect(
      'key_header',
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', prefix: 'Token ' },
      { apiKey: 'hdr-key-123' },
    );
    expect((await runToEnd(h, inHeader)).status).toBe('succeeded');

    check = (req) => req.query.get('api_key') === 'query-key-456';
    const inQuery = await connect(
      'key_query',
      { type: 'apiKey', in: 'query', name: 'api_key' },
      { apiKey: 'query-key-456' },
    );
    failNext = 1;
    const run = await runToEnd(h, inQuery);
    expect(run).toMatchObject({ status: 'succeeded', retries: 1 });
    const errors = (await h.app.client.get(`/api/v1/connectors/${inQuery}/errors`, admin)).body
      .data;
    expect(errors[0].message).toContain('/v1/items answered 500');
    const everything = JSON.stringify([
      errors,
      h.app.logs,
      await rows(h, `SELECT * FROM "${h.db.schema}".connector_errors`),
    ]);
    expect(everything).not.toContain('query-key-456');
  });

  it('bearer token and basic auth', async () => {
    check = (req) => req.headers.authorization === 'Bearer bearer-tok-789';
    const bearer = await connect('bearer', { type: 'bearer' }, { token: 'bearer-tok-789' });
    expect((await runToEnd(h, bearer)).status).toBe('succeeded');

    check = (req) =>
      req.headers.authorization === `Basic ${Buffer.from('ada:pa55-word').toString('base64')}`;
    const basic = await connect(
      'basic',
      { type: 'basic' },
      { username: 'ada', password: 'pa55-word' },
    );
    expect((await runToEnd(h, basic)).status).toBe('succeeded');
    check = () => false;
    const denied = await runToEnd(h, basic);
    expect(denied.status).toBe('failed');
    const health = (await h.app.client.get(`/api/v1/connectors/${basic}/health`, admin)).body.data;
    expect(health.lastError).toMatchObject({ kind: 'auth', httpStatus: 401 });
  });

  it('OAuth2 client credentials: caches the token, refreshes before expiry, retries once after a 401', async () => {
    check = (req) => {
      const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
      return (tokens.get(token) ?? 0) > Date.now();
    };
    const auth = {
      type: 'oauth2ClientCredentials',
      tokenUrl: `${api.url}/oauth/token`,
      refreshBeforeSeconds: 1,
    };
    const id = await connect('oauth', auth, { clientId: 'cid', clientSecret: 'oauth-secret-xyz' });
    const fetches = () => api.on('/oauth/token').length;

    expect((await runToEnd(h, id)).status).toBe('succeeded');
    expect((await runToEnd(h, id)).status).toBe('succeeded');
    expect(fetches()).toBe(1); // cached across runs

    await new Promise((r) => setTimeout(r, 1100)); // inside the refresh window, still valid upstream
    expect((await runToEnd(h, id)).status).toBe('succeeded');
    expect(fetches()).toBe(2);
    expect(api.on('/v1/items').at(-1)!.headers.authorization).toBe('Bearer tok-2');

    tokens.clear(); // the provider revokes every token: the next call gets 401, then a fresh token
    const before = api.on('/v1/items').length;
    const run = await runToEnd(h, id);
    expect(run).toMatchObject({ status: 'succeeded', retries: 0 });
    expect(fetches()).toBe(3);
    expect(api.on('/v1/items').length - before).toBe(2);

    const badId = await connect('oauth_bad', auth, {
      clientId: 'cid',
      clientSecret: 'wrong-secret',
    });
    const bad = await runToEnd(h, badId);
    expect(bad.status).toBe('failed');
    expect(bad.error).toContain('invalid_client');
    expect(
      JSON.stringify([
        h.app.logs,
        await rows(h, `SELECT * FROM "${h.db.schema}".connector_errors`),
      ]),
    ).not.toMatch(/oauth-secret-xyz|wrong-secret|tok-\d/);
  });
});
