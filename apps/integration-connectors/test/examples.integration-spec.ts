import { readFileSync } from 'node:fs';
import path from 'node:path';
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
import { StandIn, type RecordedRequest, type Reply } from './support/stand-in';

const example = (file: string) =>
  readFileSync(path.join(__dirname, '..', 'examples', file), 'utf8');

/** The shipped example definitions, run against local stand-ins shaped like the providers. */
describe('example definitions (local stand-ins only)', () => {
  let h: Harness;
  let provider: StandIn;
  const schemas: string[] = [];
  const crm = Array.from({ length: 7 }, (_, i) => ({
    id: String(101 + i),
    properties: {
      email: `p${i}@corp.test`,
      firstname: `First${i}`,
      lastname: `Last${i}`,
      company: 'Corp',
    },
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: `2024-03-0${1 + (i % 3)}T10:00:00Z`,
    archived: false,
  }));

  const handler = (req: RecordedRequest): Reply => {
    if (req.path === '/data/2.5/forecast') {
      if (req.query.get('appid') !== 'owm-key') return { status: 401, body: { cod: 401 } };
      return {
        body: {
          cod: '200',
          list: [0, 1, 2].map((i) => ({
            dt: 1714557600 + i * 10800,
            main: { temp: 12.5 + i, feels_like: 11, humidity: 70 + i },
            wind: { speed: 3.5 },
            weather: [{ id: 500, main: 'Rain', description: 'light rain' }],
            dt_txt: 'ignored',
          })),
        },
      };
    }
    if (req.path === '/crm/v3/objects/contacts') {
      if (req.headers.authorization !== 'Bearer crm-token') return { status: 401, body: {} };
      const after = Number(req.query.get('after') ?? 0);
      const limit = 3;
      const page = crm.slice(after, after + limit);
      return {
        body: {
          results: page,
          ...(after + limit < crm.length
            ? { paging: { next: { after: String(after + limit), link: 'x' } } }
            : {}),
        },
      };
    }
    return { status: 400, body: { error: 'unknown path' } };
  };

  beforeAll(async () => {
    h = await startHarness();
    provider = await StandIn.start((req) => handler(req));
  });
  afterAll(async () => {
    await dropDestinations(h.pg, schemas);
    await provider.close();
    await h.close();
  });

  it('weather forecast: API key in the query, epoch dates, flatten, computed summary', async () => {
    const definitionId = await createDefinition(h, example('weather-forecast.yaml'));
    const schema = destSchema('weather');
    schemas.push(schema);
    const id = await createConnection(h, {
      name: 'weather',
      definitionId,
      baseUrl: `${provider.url}/data/2.5`,
      credentials: { apiKey: 'owm-key' },
      destination: { schema, streams: { forecast: { loadMode: 'upsert' } } },
    });
    expect((await runToEnd(h, id)).status).toBe('succeeded');
    const loaded = await rows<{
      forecast_at: Date;
      city: string;
      temperature: number;
      humidity: string;
      summary: string;
    }>(
      h,
      `SELECT forecast_at, city, temperature, humidity, summary FROM "${schema}".forecast ORDER BY forecast_at`,
    );
    expect(loaded).toHaveLength(3);
    expect(loaded[0]).toMatchObject({ city: 'Oslo', temperature: 12.5, summary: 'light rain' });
    expect(Number(loaded[1]!.humidity)).toBe(71);
    expect(loaded[0]!.forecast_at.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(provider.on('/data/2.5/forecast')[0]!.query.get('q')).toBe('Oslo,NO');
  });

  it('CRM contacts: bearer token, cursor in the body, incremental, computed full name', async () => {
    const definitionId = await createDefinition(h, example('crm-contacts.yaml'));
    const schema = destSchema('crm');
    schemas.push(schema);
    const id = await createConnection(h, {
      name: 'crm',
      definitionId,
      baseUrl: `${provider.url}/crm/v3`,
      credentials: { token: 'crm-token' },
      destination: { schema, streams: { contacts: { loadMode: 'upsert' } } },
    });
    const run = await runToEnd(h, id);
    expect(run).toMatchObject({ status: 'succeeded', recordsWritten: 7, pages: 3 });
    const loaded = await rows<{ id: string; full_name: string; email: string }>(
      h,
      `SELECT id, full_name, email FROM "${schema}".contacts ORDER BY id`,
    );
    expect(loaded.map((r) => Number(r.id))).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(loaded[0]).toMatchObject({ full_name: 'First0 Last0', email: 'p0@corp.test' });
    // Nothing changed upstream: the incremental cursor filters every record out.
    expect((await runToEnd(h, id)).recordsWritten).toBe(0);
  });

  it('chat webhook: an action posts a message when a sync run fails', async () => {
    const chat = await StandIn.start(() => ({ body: 'ok' }));
    try {
      const chatDef = await createDefinition(h, example('chat-webhook.yaml'));
      const chatConn = await createConnection(h, {
        name: 'chat',
        definitionId: chatDef,
        baseUrl: chat.url,
      });
      const action = JSON.parse(example('chat-webhook-action.json'));
      action.steps[0].connectionId = chatConn;
      const created = await h.app.client.post('/api/v1/connectors/actions', action, admin);
      expect(created.status).toBe(201);

      // A connection whose provider refuses the key: its failed run is the event.
      const definitionId = await createDefinition(
        h,
        example('weather-forecast.yaml').replace('example-weather-forecast', 'wx-2'),
      );
      const schema = destSchema('wx2');
      schemas.push(schema);
      const failing = await createConnection(h, {
        name: 'failing',
        definitionId,
        baseUrl: `${provider.url}/data/2.5`,
        credentials: { apiKey: 'wrong' },
        destination: { schema },
      });
      const run = await runToEnd(h, failing);
      expect(run.status).toBe('failed');
      const posted = await waitFor(() => chat.on('/services/T0000/B0000/XXXXXXXX')[0], {
        timeoutMs: 15_000,
      });
      const text = JSON.parse(posted.body).text as string;
      expect(text).toContain(`Sync run ${run.id} of ${failing} failed:`);
      expect(text).toContain('answered 401');
    } finally {
      await chat.close();
    }
  });
});
