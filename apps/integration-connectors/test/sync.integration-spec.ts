import { waitFor } from '@portico/testing';
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
import {
  contacts,
  StandIn,
  type Contact,
  type RecordedRequest,
  type Reply,
} from './support/stand-in';

import { paginated, stream } from './support/contacts-api';

describe('sync runs against local stand-in APIs', () => {
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

  it('reads every paginator to the end and loads transformed records', async () => {
    const { id, schema } = await connect({
      name: 'paginators',
      streams: [
        stream('by_page', '/page', {
          type: 'pageNumber',
          pageParam: 'page',
          sizeParam: 'per_page',
          pageSize: 10,
        }),
        stream('by_offset', '/offset', { type: 'offset', limit: 8 }),
        stream('by_cursor', '/cursor', {
          type: 'cursor',
          cursorPath: 'meta.next',
          cursorParam: 'after',
        }),
        stream('by_link', '/link', { type: 'linkHeader' }),
      ],
    });
    const run = await runToEnd(h, id);
    expect(run.status).toBe('succeeded');
    expect(run.streams).toEqual({
      by_page: { status: 'done', recordsRead: 25, recordsWritten: 25, pages: 3, retries: 0 },
      by_offset: { status: 'done', recordsRead: 25, recordsWritten: 25, pages: 4, retries: 0 },
      by_cursor: { status: 'done', recordsRead: 25, recordsWritten: 25, pages: 4, retries: 0 },
      by_link: { status: 'done', recordsRead: 25, recordsWritten: 25, pages: 3, retries: 0 },
    });
    expect(run.recordsWritten).toBe(100);
    for (const t of ['by_page', 'by_offset', 'by_cursor', 'by_link']) {
      const loaded = await rows<{
        id: string;
        address_city: string;
        score: number;
        updated_at: Date;
      }>(h, `SELECT id, address_city, score, updated_at FROM "${schema}".${t} ORDER BY id`);
      expect(loaded.map((r) => Number(r.id))).toEqual(data.map((c) => c.id));
      expect(loaded[2]).toMatchObject({ address_city: 'City 3', score: 4.5 });
      expect(loaded[2]!.updated_at.toISOString()).toBe(data[2]!.updated_at);
    }
    expect(api.on('/v1/page').map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(api.on('/v1/cursor').map((r) => r.query.get('after'))).toEqual([null, '7', '14', '21']);
  });

  it('incremental sync reads only records changed since the saved cursor', async () => {
    const { id, schema } = await connect(
      {
        name: 'incremental',
        streams: [
          stream(
            'contacts',
            '/page',
            { type: 'pageNumber', sizeParam: 'per_page', pageSize: 10 },
            {
              incremental: { cursorField: 'updated_at', requestParam: 'updated_since' },
            },
          ),
        ],
      },
      { contacts: { loadMode: 'upsert' } },
    );
    expect((await runToEnd(h, id)).recordsWritten).toBe(25);
    const before = api.requests.length;
    data[3]!.name = 'Changed 4';
    data[3]!.updated_at = '2024-02-01T00:00:00.000Z';
    data[9]!.updated_at = '2024-02-01T00:00:01.000Z';
    data.push(...contacts(1, 26).map((c) => ({ ...c, updated_at: '2024-02-02T00:00:00.000Z' })));
    const second = await runToEnd(h, id);
    expect(second.error).toBeNull();
    expect(second.recordsWritten).toBe(3);
    const asked = api.requests.slice(before).map((r) => r.query.get('updated_since'));
    expect(asked[0]).toBe(contacts(25)[24]!.updated_at);
    const loaded = await rows<{ n: string }>(h, `SELECT count(*) AS n FROM "${schema}".contacts`);
    expect(Number(loaded[0]!.n)).toBe(26);
    expect((await rows(h, `SELECT name FROM "${schema}".contacts WHERE id = 4`))[0]).toEqual({
      name: 'Changed 4',
    });
    const third = await runToEnd(h, id);
    expect(third.recordsWritten).toBe(0);
  });

  it('append adds, upsert merges on the key, replace swaps in a complete table (or keeps the old one)', async () => {
    const def = {
      streams: [
        stream('contacts', '/page', { type: 'pageNumber', sizeParam: 'per_page', pageSize: 10 }),
      ],
    };
    const append = await connect({ name: 'append', ...def }, { contacts: { loadMode: 'append' } });
    const upsert = await connect({ name: 'upsert', ...def }, { contacts: { loadMode: 'upsert' } });
    const replace = await connect(
      { name: 'replace', ...def },
      { contacts: { loadMode: 'replace', table: 'people' } },
    );
    for (const c of [append, upsert, replace])
      expect((await runToEnd(h, c.id)).status).toBe('succeeded');
    data = contacts(12).map((c) => ({ ...c, name: `${c.name} v2` }));
    for (const c of [append, upsert, replace])
      expect((await runToEnd(h, c.id)).status).toBe('succeeded');

    const count = async (schema: string, table: string) =>
      Number(
        (await rows<{ n: string }>(h, `SELECT count(*) AS n FROM "${schema}".${table}`))[0]!.n,
      );
    expect(await count(append.schema, 'contacts')).toBe(37);
    expect(await count(upsert.schema, 'contacts')).toBe(25);
    expect((await rows(h, `SELECT name FROM "${upsert.schema}".contacts WHERE id = 1`))[0]).toEqual(
      { name: 'Contact 1 v2' },
    );
    expect(
      (await rows(h, `SELECT name FROM "${upsert.schema}".contacts WHERE id = 20`))[0],
    ).toEqual({ name: 'Contact 20' });
    expect(await count(replace.schema, 'people')).toBe(12);

    // A replace run that fails half-way leaves the previous complete table in place.
    data = contacts(30);
    override = (req) =>
      req.query.get('page') === '2' ? { status: 400, body: { error: 'bad page' } } : undefined;
    const failed = await runToEnd(h, replace.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('bad page');
    expect(await count(replace.schema, 'people')).toBe(12);
    const tables = await rows<{ table_name: string }>(
      h,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [replace.schema],
    );
    // The staging table of the failed run waits for the next run, which resumes it.
    expect(tables.map((t) => t.table_name)).toEqual([
      'people',
      expect.stringMatching(/^people__stg_/),
    ]);
    override = undefined;
    const resumed = await runToEnd(h, replace.id);
    expect(resumed.status).toBe('succeeded');
    expect(await count(replace.schema, 'people')).toBe(30);
    expect(api.requests.at(-3)!.query.get('page')).toBe('2');
  });

  it('runs one at a time, on schedule too, and announces runs through the outbox', async () => {
    const { id } = await connect(
      { name: 'scheduled', streams: [stream('contacts', '/slow', { type: 'none' })] },
      {},
      { schedule: '0 3 * * *' },
    );
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    override = (req) =>
      (req.path === '/v1/slow'
        ? gate.then(() => ({ body: { data: contacts(2) } }))
        : undefined) as never;
    const first = await h.app.client.post(`/api/v1/connectors/${id}/runs`, undefined, admin);
    expect(first.status).toBe(202);
    const second = await h.app.client.post(`/api/v1/connectors/${id}/runs`, undefined, admin);
    expect(second.status).toBe(409);
    release();
    await waitFor(
      async () =>
        (await h.app.client.get(`/api/v1/connectors/${id}/runs/${first.body.data.id}`, admin)).body
          .data.status === 'succeeded',
    );

    await h.pg.query(
      `UPDATE "${h.db.schema}".connections SET next_run_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const scheduled = await waitFor(async () => {
      const list = await h.app.client.get(`/api/v1/connectors/${id}/runs`, admin);
      return list.body.data.find(
        (r: { trigger: string; status: string }) =>
          r.trigger === 'schedule' && r.status === 'succeeded',
      );
    });
    const conn = (await h.app.client.get(`/api/v1/connectors/${id}`, admin)).body.data;
    expect(new Date(conn.nextRunAt).getUTCHours()).toBe(3);

    const events = await waitFor(async () => {
      const r = await rows<{
        type: string;
        subject: string;
        published_at: Date | null;
        payload: { data: { trigger: string } };
      }>(
        h,
        `SELECT type, subject, published_at, payload FROM "${h.db.schema}".outbox_events WHERE payload->>'subject' = $1 ORDER BY id`,
        [scheduled.id],
      );
      return r.length === 2 && r.every((e) => e.published_at) ? r : undefined;
    });
    expect(events.map((e) => e.type)).toEqual(['connector.run.started', 'connector.run.completed']);
    expect(events[0]!.payload.data.trigger).toBe('schedule');
  });
});
