import {
  createTestSchema,
  spawnAppMain,
  startTestApp,
  TestClient,
  waitFor,
  type TestApp,
  type TestSchema,
} from '@portico/testing';
import { Client } from 'pg';
import { integrationConnectorsService } from '../src/service';
import { ADMIN_KEY, SECRET_KEY, admin } from './support/harness';
import { contacts, StandIn } from './support/stand-in';

/**
 * The honest crash: the service process is killed with SIGKILL in the middle of a run (no shutdown
 * hook runs), and a new instance takes the run over once its lease expires.
 */
describe('a run killed mid-way resumes from its last committed batch', () => {
  let db: TestSchema;
  let api: StandIn;
  let pg: Client;
  let app: TestApp | undefined;
  const schema = `dst_crash_${process.pid}_${Date.now().toString(36)}`;
  const data = contacts(60);
  let hangFrom = 4;

  beforeAll(async () => {
    db = await createTestSchema('connectors');
    pg = new Client({ connectionString: db.databaseUrl });
    await pg.connect();
    api = await StandIn.start((req) => {
      const page = Number(req.query.get('page'));
      if (page >= hangFrom) return 'hang';
      return { body: { data: data.slice((page - 1) * 10, page * 10) } };
    });
  });
  afterAll(async () => {
    await app?.close();
    await api.close();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
    await db.drop();
  });

  it('loads every record exactly once across the crash', async () => {
    const env = {
      DATABASE_URL: db.url,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_SECRET_KEY: SECRET_KEY,
      PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
      CONNECTORS_SCHEDULER_INTERVAL_MS: '200',
      CONNECTORS_BATCH_RECORDS: '10',
      CONNECTORS_RUN_LEASE_MS: '1500',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      PORTICO_NATS_NAMESPACE: `crash_${process.pid}`,
    };
    const child = spawnAppMain('integration-connectors', env);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const url = await waitFor(() => /"url":"(http:[^"]+)"/.exec(stdout)?.[1], {
        timeoutMs: 20_000,
        what: 'the child to listen',
      });
      const client = new TestClient(url);
      const def = await client.post(
        '/api/v1/connectors/definitions',
        {
          manifest: {
            name: 'crash',
            baseUrl: `${api.url}/v1`,
            streams: [
              {
                name: 'contacts',
                path: '/contacts',
                recordSelector: 'data',
                paginator: { type: 'pageNumber', sizeParam: 'per_page', pageSize: 10 },
                fields: [
                  { name: 'id', type: 'integer' },
                  { name: 'name', type: 'string' },
                ],
              },
            ],
          },
        },
        admin,
      );
      const conn = await client.post(
        '/api/v1/connectors',
        {
          name: 'crash',
          definitionId: def.body.data.id,
          destination: { schema, streams: { contacts: { loadMode: 'append' } } },
        },
        admin,
      );
      const run = await client.post(
        `/api/v1/connectors/${conn.body.data.id}/runs`,
        undefined,
        admin,
      );
      expect(run.status).toBe(202);
      // Pages 1-3 committed (one batch each) and page 4 is hanging: kill the process now.
      await waitFor(async () => {
        const r = await pg.query(`SELECT records_written FROM "${db.schema}".runs WHERE id = $1`, [
          run.body.data.id,
        ]);
        return (
          r.rows[0]?.records_written === 30 && api.requests.some((q) => q.query.get('page') === '4')
        );
      });
      child.kill('SIGKILL');
      await exited;

      const committed = await pg.query(`SELECT count(*)::int AS n FROM "${schema}".contacts`);
      expect(committed.rows[0].n).toBe(30);
      const stuck = await pg.query(`SELECT status FROM "${db.schema}".runs WHERE id = $1`, [
        run.body.data.id,
      ]);
      expect(stuck.rows[0].status).toBe('running');

      hangFrom = Infinity;
      const seenBefore = api.requests.length;
      app = await startTestApp(integrationConnectorsService, {
        ...env,
        CONNECTORS_RUN_LEASE_MS: '5000',
      });
      const done = await waitFor(
        async () => {
          const r = await app!.client.get(
            `/api/v1/connectors/${conn.body.data.id}/runs/${run.body.data.id}`,
            admin,
          );
          return r.body.data?.status === 'succeeded' ? r.body.data : undefined;
        },
        { timeoutMs: 20_000, what: 'the run to be resumed and finish' },
      );
      expect(done).toMatchObject({ recordsRead: 60, recordsWritten: 60, pages: 7 });
      // The new instance started at page 4: nothing before it was fetched again.
      expect(api.requests.slice(seenBefore).map((r) => r.query.get('page'))).toEqual([
        '4',
        '5',
        '6',
        '7',
      ]);
      const loaded = await pg.query(
        `SELECT id::int AS id, count(*)::int AS n FROM "${schema}".contacts GROUP BY id ORDER BY id`,
      );
      expect(loaded.rows.map((r) => r.id)).toEqual(data.map((c) => c.id));
      expect(loaded.rows.every((r) => r.n === 1)).toBe(true);
      const events = await pg.query(
        `SELECT type, payload->'data'->>'trigger' AS trigger FROM "${db.schema}".outbox_events WHERE payload->>'subject' = $1 ORDER BY id`,
        [run.body.data.id],
      );
      expect(events.rows).toEqual([
        { type: 'connector.run.started', trigger: 'manual' },
        { type: 'connector.run.started', trigger: 'resume' },
        { type: 'connector.run.completed', trigger: 'resume' },
      ]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
