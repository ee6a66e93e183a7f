import type { ChildProcess } from 'node:child_process';
import {
  createTestSchema,
  spawnAppMain,
  startTestApp,
  TEST_NATS_NAMESPACE,
  TestClient,
  waitFor,
  type TestApp,
  type TestSchema,
} from '@portico/testing';
import type { GatewayConfig } from '../src/config';
import type { GraphClient } from '../src/graphql/common/graph-client';
import { GraphClient as GraphClientToken } from '../src/graphql/common/graph-client';
import { gatewayService } from '../src/service';
import { TEST_ROUTES_FILE } from './fixtures/routes-file';

export const ADMIN_KEY = 'pk_graphql_suite_bootstrap_admin_0001';
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');

export interface GraphResponse<T = any> {
  status: number;
  headers: Headers;
  data: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  text: string;
}

/** A standard GraphQL-over-HTTP client: POST { query, variables } as JSON. */
export function graphClient(url: string, key?: string) {
  return async <T = any>(
    query: string | null,
    variables: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ): Promise<GraphResponse<T>> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify({ ...(query === null ? {} : { query }), variables, ...extra }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data: T; errors?: GraphResponse['errors'] };
    return {
      status: res.status,
      headers: res.headers,
      data: body.data,
      ...(body.errors ? { errors: body.errors } : {}),
      text,
    };
  };
}

/** A service started from its main.ts in a child process, as production runs it. */
interface Child {
  url: string;
  rest: TestClient;
  stop(): Promise<void>;
}

async function spawnService(app: string, env: Record<string, string>): Promise<Child> {
  const child: ChildProcess = spawnAppMain(app, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    ...env,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await waitFor(
    () => {
      if (child.exitCode !== null) return 'exited';
      return /"url":"(http:\/\/[^"]+)"[^\n]*listening/.exec(out)?.[1];
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `${app} to listen` },
  );
  if (url === 'exited') throw new Error(`${app} exited: ${out.slice(-2000)}`);
  const rest = new TestClient(url).withHeaders({ 'x-api-key': ADMIN_KEY });
  await waitFor(async () => (await rest.get('/health/ready')).status === 200, {
    timeoutMs: 30_000,
    what: `${app} to be ready`,
  });
  return {
    url,
    rest,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

type ServiceName =
  | 'registry'
  | 'consumer-management'
  | 'webhook-dispatcher'
  | 'integration-connectors'
  | 'analytics';

/** Each service's database folder and the environment it needs in tests. */
const SERVICES: Record<
  ServiceName,
  { db: Parameters<typeof createTestSchema>[0]; env: Record<string, string> }
> = {
  registry: { db: 'registry', env: {} },
  'consumer-management': { db: 'consumers', env: { PORTICO_SECRET_KEY: SECRET_KEY } },
  'webhook-dispatcher': {
    db: 'webhooks',
    env: {
      PORTICO_SECRET_KEY: SECRET_KEY,
      PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
      WEBHOOK_POLL_INTERVAL_MS: '50',
    },
  },
  analytics: { db: 'analytics', env: { ANALYTICS_INGEST_MAX_WAIT_MS: '1000' } },
  'integration-connectors': {
    db: 'connectors',
    env: { PORTICO_SECRET_KEY: SECRET_KEY, PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8' },
  },
};

export interface Suite {
  gateway: TestApp<GatewayConfig>;
  services: Partial<Record<ServiceName, Child>>;
  /** The gateway's requester is wrapped: every NATS request the resolvers make is recorded here. */
  calls: string[];
  gql: ReturnType<typeof graphClient>;
  as(key: string): ReturnType<typeof graphClient>;
  /** The database a started service works in (its own throwaway schema). */
  databaseUrl(service: ServiceName): string;
  /** The REST API of a started service, as the bootstrap admin. */
  rest(service: ServiceName): TestClient;
  close(): Promise<void>;
}

/**
 * The named services (own schemas) as child processes from their main.ts, and the gateway
 * in-process. The bootstrap admin key works without consumer-management (checked locally).
 */
export async function startSuite(
  names: ServiceName[] = ['registry', 'consumer-management'],
  env: Record<string, string> = {},
): Promise<Suite> {
  const schemas: TestSchema[] = [];
  const services: Partial<Record<ServiceName, Child>> = {};
  const databases: Partial<Record<ServiceName, TestSchema>> = {};
  await Promise.all(
    names.map(async (name) => {
      const db = await createTestSchema(SERVICES[name].db);
      schemas.push(db);
      databases[name] = db;
      services[name] = await spawnService(name, { DATABASE_URL: db.url, ...SERVICES[name].env });
    }),
  );
  const gateway = await startTestApp(gatewayService, {
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: 'warn',
    // Readiness waits for a route table: without a registry in the suite, load one from a file.
    ...(names.includes('registry') ? {} : { GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE }),
    ...env,
  });
  await gateway.waitUntilReady();
  const calls: string[] = [];
  const client = gateway.service.app.get<GraphClient>(GraphClientToken);
  const inner = client.requester;
  client.requester = (subject, body) => {
    calls.push(subject);
    return inner(subject, body);
  };
  return {
    gateway,
    services,
    calls,
    gql: graphClient(gateway.url, ADMIN_KEY),
    as: (key) => graphClient(gateway.url, key),
    databaseUrl(name) {
      const db = databases[name];
      if (!db) throw new Error(`${name} was not started`);
      return db.databaseUrl;
    },
    rest(name) {
      const child = services[name];
      if (!child) throw new Error(`${name} was not started`);
      return child.rest;
    },
    async close() {
      await gateway.close();
      await Promise.all(Object.values(services).map((c) => c.stop()));
      await Promise.all(schemas.map((db) => db.drop()));
    },
  };
}
