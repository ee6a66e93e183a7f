import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@portico/testing';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { ADMIN_KEY, startSuite, type Suite } from './graphql-support';

const SECRET = 'sk_live_graphql_connector_secret_1';

/** The integration connectors' part of the graph, against the real service and a stand-in API. */
describe('GraphQL at the gateway: connectors', () => {
  let s: Suite;
  let connectorId: string;
  /** The stand-in API answers this late: long enough for a run to be watched while it runs. */
  let delayMs = 0;
  let api: http.Server;
  let apiUrl: string;

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const ok = req.headers['x-api-key'] === SECRET;
      setTimeout(() => {
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { data: [{ id: 1, name: 'A' }] } : { error: 'bad key' }));
      }, delayMs);
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    s = await startSuite(['integration-connectors']);
  }, 120_000);
  const destination = `dst_graphql_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    if (s) {
      const pg = new Client({ connectionString: s.databaseUrl('integration-connectors') });
      await pg.connect();
      await pg.query(`DROP SCHEMA IF EXISTS "${destination}" CASCADE`);
      await pg.end();
    }
    await s?.close();
    api.closeAllConnections();
    await new Promise((r) => api.close(r));
  });

  it('creates a connection (credentials never returned), triggers a run, lists runs and the error summary', async () => {
    const def = await s.rest('integration-connectors').post('/api/v1/connectors/definitions', {
      manifest: [
        'name: crm-api',
        `baseUrl: ${apiUrl}/v1`,
        'auth: { type: apiKey, in: header, name: X-Api-Key }',
        'streams:',
        '  - name: contacts',
        '    path: /contacts',
        '    recordSelector: data',
        '    primaryKey: [id]',
        '    fields:',
        '      - { name: id, type: integer }',
        '      - { name: name, type: string }',
      ].join('\n'),
    });
    expect(def.text).toContain('crm-api');
    expect(def.status).toBe(201);

    const invalid = await s.gql(`mutation { createConnection(input: { name: "x" }) { id } }`);
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'definitionId' })],
    });

    const created = await s.gql(
      `mutation($input: JSON!) { createConnection(input: $input) { id name enabled credentials } }`,
      {
        input: {
          name: 'CRM',
          definitionId: def.body.data.id,
          credentials: { apiKey: SECRET },
          destination: { schema: destination },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const connector = created.data.createConnection;
    connectorId = connector.id;
    expect(connector.credentials).toEqual({ configured: true, fields: ['apiKey'] });
    const listed = await s.gql(`{ connectors { totalCount edges { node { id name } } } }`);
    expect(listed.data.connectors.edges).toEqual([{ node: { id: connector.id, name: 'CRM' } }]);
    expect(listed.text + created.text).not.toContain(SECRET);

    const run = await s.gql(
      `mutation($c: ID!) { triggerRun(connector: $c) { id status trigger } }`,
      {
        c: connector.id,
      },
    );
    expect(run.errors).toBeUndefined();
    expect(run.data.triggerRun).toMatchObject({ trigger: 'manual' });
    const finished = await waitFor(
      async () => {
        const r = await s.gql(
          `query($c: ID!) { connectorRuns(connector: $c) { totalCount edges { node { id status recordsRead } } } }`,
          { c: connector.id },
        );
        const node = r.data?.connectorRuns?.edges?.[0]?.node;
        return node && ['succeeded', 'failed'].includes(node.status) ? node : null;
      },
      { timeoutMs: 20_000, what: 'the run to finish' },
    );
    expect(finished.id).toBe(run.data.triggerRun.id);
    // The credentials reached the stand-in (it answers 401 otherwise): its one record was read.
    expect(finished).toMatchObject({ status: 'succeeded', recordsRead: 1 });
    const summary = await s.gql(
      `query($c: ID!) { errorSummary(connector: $c) { status totalErrors lastRun } }`,
      { c: connector.id },
    );
    expect(summary.errors).toBeUndefined();
    expect(summary.data.errorSummary.lastRun).toMatchObject({
      id: finished.id,
      status: finished.status,
    });
    expect(summary.data.errorSummary).toMatchObject({ status: 'healthy', totalErrors: 0 });

    const missing = await s.gql(`{ errorSummary(connector: "cnr_nope") { status } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('streams a run from its current state to its end over graphql-ws (connectorRun)', async () => {
    const client = createClient({
      url: `${s.gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': ADMIN_KEY },
      retryAttempts: 0,
    });
    delayMs = 1500;
    try {
      const run = await s.gql(`mutation($c: ID!) { triggerRun(connector: $c) { id } }`, {
        c: connectorId,
      });
      expect(run.errors).toBeUndefined();
      const runId = run.data.triggerRun.id;
      const updates: Array<{ status: string; recordsWritten: number }> = [];
      await new Promise<void>((resolve, reject) => {
        client.subscribe<{ connectorRun: { status: string; recordsWritten: number } }>(
          {
            query: `subscription($id: ID!) { connectorRun(id: $id) { runId status recordsWritten } }`,
            variables: { id: runId },
          },
          {
            next: (r) =>
              r.data
                ? updates.push(r.data.connectorRun)
                : reject(new Error(JSON.stringify(r.errors))),
            error: reject,
            complete: resolve,
          },
        );
      });
      // The state when subscribing (the run was still waiting on the slow API), then its end from
      // the connector.run.* events; it completes on its own, with the state the run list shows.
      expect(updates.length).toBeGreaterThanOrEqual(2);
      expect(['queued', 'running']).toContain(updates[0]!.status);
      const last = updates.at(-1)!;
      expect(['succeeded', 'failed']).toContain(last.status);
      const listed = await s.gql(
        `query($c: ID!) { connectorRuns(connector: $c, first: 1) { edges { node { id status recordsWritten } } } }`,
        { c: connectorId },
      );
      expect(listed.data.connectorRuns.edges[0].node).toEqual({
        id: runId,
        status: last.status,
        recordsWritten: last.recordsWritten,
      });

      const unknown = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { connectorRun(id: "run_nope") { status } }' },
          { next: (r) => resolve(r.errors), error: resolve, complete: () => resolve('complete') },
        );
      });
      expect(JSON.stringify(unknown)).toContain('NOT_FOUND');
    } finally {
      await client.dispose();
    }
  });
});
