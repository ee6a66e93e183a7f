import {
  CredentialsDouble,
  createTestSchema,
  startTestApp,
  waitFor,
  type TestApp,
  type TestSchema,
} from '@portico/testing';
import { Client } from 'pg';
import { integrationConnectorsService } from '../../src/service';

export const ADMIN_KEY = 'pk_connectors_admin_for_tests_0001';
export const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Harness {
  app: TestApp;
  db: TestSchema;
  creds: CredentialsDouble;
  pg: Client;
  close(): Promise<void>;
}

/** The app as production runs it, on a throwaway schema, with a credentials double for other tenants. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestSchema('connectors');
  const creds = await CredentialsDouble.start();
  const app = await startTestApp(integrationConnectorsService, {
    DATABASE_URL: db.url,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    PORTICO_SECRET_KEY: SECRET_KEY,
    PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
    CONNECTORS_SCHEDULER_INTERVAL_MS: '200',
    CONNECTORS_BATCH_RECORDS: '10',
    ...env,
  });
  await app.waitUntilReady();
  const pg = new Client({ connectionString: db.databaseUrl });
  await pg.connect();
  return {
    app,
    db,
    creds,
    pg,
    async close() {
      await app.close();
      await creds.stop();
      await pg.end();
      await db.drop();
    },
  };
}

export const admin = { headers: { 'x-api-key': ADMIN_KEY } };

let schemaSeq = 0;
/** A destination schema name unique to this test run (dropped by `dropDestinations`). */
export function destSchema(label: string): string {
  return `dst_${label}_${process.pid}_${Date.now().toString(36)}_${schemaSeq++}`;
}

export async function dropDestinations(pg: Client, schemas: string[]): Promise<void> {
  for (const s of schemas) await pg.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
}

export async function createDefinition(h: Harness, manifest: unknown): Promise<string> {
  const res = await h.app.client.post('/api/v1/connectors/definitions', { manifest }, admin);
  if (res.status !== 201) throw new Error(`definition: ${res.status} ${res.text}`);
  return res.body.data.id as string;
}

export async function createConnection(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.app.client.post('/api/v1/connectors', body, admin);
  if (res.status !== 201) throw new Error(`connection: ${res.status} ${res.text}`);
  return res.body.data.id as string;
}

/** Triggers a run and waits until it is no longer queued or running. */
export async function runToEnd(h: Harness, connectionId: string, timeoutMs = 20_000): Promise<any> {
  const started = await h.app.client.post(
    `/api/v1/connectors/${connectionId}/runs`,
    undefined,
    admin,
  );
  if (started.status !== 202) throw new Error(`run: ${started.status} ${started.text}`);
  return waitForRun(h, connectionId, started.body.data.id, timeoutMs);
}

export async function waitForRun(
  h: Harness,
  connectionId: string,
  runId: string,
  timeoutMs = 20_000,
): Promise<any> {
  return waitFor(
    async () => {
      const r = await h.app.client.get(`/api/v1/connectors/${connectionId}/runs/${runId}`, admin);
      return ['succeeded', 'failed'].includes(r.body.data?.status) ? r.body.data : undefined;
    },
    { timeoutMs, what: `run ${runId} to finish` },
  );
}

export async function rows<T = Record<string, unknown>>(
  h: Harness,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await h.pg.query(sql, params)).rows as T[];
}
