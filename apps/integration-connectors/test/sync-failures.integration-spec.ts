import {
  admin,
  createConnection,
  createDefinition,
  destSchema,
  dropDestinations,
  runToEnd,
  startHarness,
  type Harness,
} from './support/harness';
import {
  contacts,
  maxInWindow,
  StandIn,
  type Contact,
  type RecordedRequest,
  type Reply,
} from './support/stand-in';

import { paginated, stream } from './support/contacts-api';

describe('sync runs: retries, rate limits, error history and health', () => {
  let h: Harness;
  let api: StandIn;
  let data: Contact[] = contacts(25);
  let override: ((req: RecordedRequest) => Reply | undefined) | undefined;
  const schemas: string[] = [];

  const connect = async (
    def: Record<string, unknown>,
    streams: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) => {
    const definitionId = await createDefinition(h, { baseUrl: `${api.url}/v1`, ...def });
    const schema = destSchema(String(def['name']).replace(/\W/g, '_'));
    schemas.push(schema);
    const id = await createConnection(h, {
      name: String(def['name']),
      definitionId,
      destination: { schema, streams },
      ...extra,
    });
    return { id, schema };
  };

  beforeAll(async () => {
    h = await startHarness();
    api = await StandIn.start((req) => override?.(req) ?? paginated(() => data)(req));
  });
  afterAll(async () => {
    await dropDestinations(h.pg, schemas);
    await api.close();
    await h.close();
  });
  beforeEach(() => {
    data = contacts(25);
    override = undefined;
  });

  it('waits exactly the Retry-After a 429 asks for, and records it', async () => {
    const { id } = await connect({
      name: 'retry_after',
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
      streams: [stream('contacts', '/limited', { type: 'none' })],
    });
    let calls = 0;
    override = (req) => {
      if (req.path !== '/v1/limited') return undefined;
      calls++;
      return calls === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } }
        : undefined;
    };
    const run = await runToEnd(h, id);
    expect(run.status).toBe('succeeded');
    expect(run.retries).toBe(1);
    const [first, second] = api.on('/v1/limited');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    const errors = await h.app.client.get(`/api/v1/connectors/${id}/errors`, admin);
    expect(errors.body.data[0]).toMatchObject({
      kind: 'rate_limited',
      httpStatus: 429,
      stream: 'contacts',
      page: 'single page',
    });
    const health = await h.app.client.get(`/api/v1/connectors/${id}/health`, admin);
    expect(health.body.data).toMatchObject({
      status: 'degraded',
      totalErrors: 1,
      byKind: { rate_limited: 1 },
    });
  });

  it('never exceeds the rate limit, shared by all streams of the connection', async () => {
    const { id } = await connect({
      name: 'rate_limited',
      rateLimit: { perSecond: 4 },
      streams: [
        stream('a', '/page', { type: 'pageNumber', sizeParam: 'per_page', pageSize: 4 }),
        stream('b', '/offset', { type: 'offset', limit: 4 }),
      ],
    });
    data = contacts(22);
    const before = api.requests.length;
    const run = await runToEnd(h, id);
    expect(run.status).toBe('succeeded');
    const seen = api.requests.slice(before);
    expect(seen).toHaveLength(12);
    expect(maxInWindow(seen, 1000)).toBeLessThanOrEqual(4);
  });

  it('keeps an error history and a health summary; 4xx fail fast, 5xx are retried', async () => {
    const { id } = await connect({
      name: 'flaky',
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
      streams: [
        stream('contacts', '/page', { type: 'pageNumber', sizeParam: 'per_page', pageSize: 10 }),
      ],
    });
    override = (req) =>
      req.query.get('page') === '2' ? { status: 503, body: { error: 'down' } } : undefined;
    const failed = await runToEnd(h, id);
    expect(failed.status).toBe('failed');
    expect(failed.streams.contacts).toMatchObject({
      status: 'failed',
      recordsWritten: 10,
      retries: 1,
    });
    const errors = (await h.app.client.get(`/api/v1/connectors/${id}/errors`, admin)).body.data;
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      kind: 'http_5xx',
      httpStatus: 503,
      stream: 'contacts',
      page: 'page 2',
      runId: failed.id,
    });
    expect(errors[0].message).toContain('answered 503: {"error":"down"}');
    let health = (await h.app.client.get(`/api/v1/connectors/${id}/health`, admin)).body.data;
    expect(health).toMatchObject({
      status: 'failing',
      totalErrors: 2,
      byKind: { http_5xx: 2 },
      consecutiveFailedRuns: 1,
      lastRun: { id: failed.id, status: 'failed' },
    });
    expect(health.lastError.id).toBe(errors[0].id);

    const before = api.requests.length;
    override = (req) =>
      req.query.get('page') === '2' ? { status: 404, body: { error: 'gone' } } : undefined;
    const notFound = await runToEnd(h, id);
    expect(api.requests.length - before).toBe(1); // resumed at page 2, and a 404 is not retried
    expect(notFound.error).toContain("stream 'contacts', page 2");
    expect(notFound.error).toContain('answered 404');

    override = undefined;
    const ok = await runToEnd(h, id);
    expect(ok.status).toBe('succeeded');
    health = (await h.app.client.get(`/api/v1/connectors/${id}/health`, admin)).body.data;
    expect(health).toMatchObject({
      status: 'degraded',
      consecutiveFailedRuns: 0,
      lastRun: { status: 'succeeded' },
    });
    const history = await h.app.client.get(`/api/v1/connectors/${id}/runs`, admin);
    expect(history.body.data.map((r: { status: string }) => r.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
    ]);
    expect(history.body.pagination.total).toBe(3);
    expect(history.body.data[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails a run with a clear error when the table was changed into an incompatible one', async () => {
    const { id, schema } = await connect(
      { name: 'drifted', streams: [stream('contacts', '/page', { type: 'none' })] },
      { contacts: { loadMode: 'upsert' } },
    );
    expect((await runToEnd(h, id)).status).toBe('succeeded');
    await h.pg.query(`ALTER TABLE "${schema}".contacts DROP COLUMN score`);
    await h.pg.query(`ALTER TABLE "${schema}".contacts DROP CONSTRAINT contacts_pkey`);
    const run = await runToEnd(h, id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain(`Destination table ${schema}.contacts is incompatible`);
    expect(run.error).toContain("column 'score' is missing");
    expect(run.error).toContain('upsert needs a primary key or unique index on (id)');
    const health = (await h.app.client.get(`/api/v1/connectors/${id}/health`, admin)).body.data;
    expect(health).toMatchObject({
      status: 'failing',
      lastError: { kind: 'destination', stream: 'contacts' },
    });
  });
});
