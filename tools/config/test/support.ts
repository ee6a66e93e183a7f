import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceDefinition } from '@portico/platform';
import {
  createTestSchema,
  startTestApp,
  type ServiceFolder,
  type TestApp,
  type TestClient,
  type TestSchema,
} from '@portico/testing';
import type { z } from 'zod';
import { runCli } from '../src';

export const ADMIN_KEY = 'pk_config_cli_bootstrap_admin_0001';
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');
const root = path.resolve(__dirname, '../../..');

/**
 * The apps' service definitions, loaded by path: a tool's test may start apps, but a tool never
 * depends on an app's code (module boundaries), so there is no import to follow.
 */
function service(app: string): ServiceDefinition<z.ZodObject> {
  const mod = createRequire(__filename)(
    path.join(root, 'apps', app, 'src', 'service.ts'),
  ) as Record<string, ServiceDefinition<z.ZodObject>>;
  const def = Object.values(mod).find((v) => v && typeof v === 'object' && 'configSchema' in v);
  if (!def) throw new Error(`no service definition in apps/${app}/src/service.ts`);
  return def;
}

export interface Suite {
  registry: TestApp;
  consumers: TestApp;
  webhooks: TestApp;
  /** The bootstrap admin of ten_default, on each service. */
  admin: { registry: TestClient; consumers: TestClient; webhooks: TestClient };
  /** Per-service URL options for the CLI. */
  urlArgs: string[];
  dir: string;
  close(): Promise<void>;
}

export async function startSuite(): Promise<Suite> {
  const schemas: TestSchema[] = [];
  const apps: TestApp[] = [];
  const start = async (app: string, folder: ServiceFolder, env: Record<string, string> = {}) => {
    const schema = await createTestSchema(folder);
    schemas.push(schema);
    const started = await startTestApp(service(app), {
      DATABASE_URL: schema.url,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      PORTICO_SECRET_KEY: SECRET_KEY,
      LOG_LEVEL: 'warn',
      ...env,
    });
    apps.push(started);
    await started.waitUntilReady(30_000);
    return started;
  };
  const consumers = await start('consumer-management', 'consumers');
  const registry = await start('registry', 'registry');
  const webhooks = await start('webhook-dispatcher', 'webhooks', {
    PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-config-'));
  const admin = (a: TestApp) => a.client.withHeaders({ 'x-api-key': ADMIN_KEY });
  return {
    registry,
    consumers,
    webhooks,
    admin: { registry: admin(registry), consumers: admin(consumers), webhooks: admin(webhooks) },
    urlArgs: [
      '--registry-url',
      registry.url,
      '--consumers-url',
      consumers.url,
      '--webhooks-url',
      webhooks.url,
    ],
    dir,
    async close() {
      for (const a of apps.reverse()) await a.close();
      for (const s of schemas) await s.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `portico <args>` from `cwd`. */
export async function cli(args: string[], cwd: string, apiKey = ADMIN_KEY): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--api-key', apiKey], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd,
  });
  return { code, stdout, stderr };
}

/** Fails with the server's answer when a seeding call does not succeed. */
export async function ok<T = any>(
  res: Promise<{ status: number; body: any; text: string }>,
): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`seeding failed: ${r.status} ${r.text}`);
  return r.body?.data as T;
}
