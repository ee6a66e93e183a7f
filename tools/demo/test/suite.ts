import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import {
  createTestSchema,
  releaseNamespace,
  spawnAppMain,
  waitFor,
  type ServiceFolder,
  type TestSchema,
} from '@portico/testing';

export const ADMIN_KEY = `pk_e2e_admin_${randomBytes(12).toString('hex')}`;
const SECRET_KEY = randomBytes(32).toString('base64');
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

type AppName =
  | 'registry'
  | 'consumer-management'
  | 'analytics'
  | 'webhook-dispatcher'
  | 'integration-connectors'
  | 'gateway';

const SERVICES: Array<{ name: AppName; folder: ServiceFolder; env?: Record<string, string> }> = [
  { name: 'registry', folder: 'registry' },
  { name: 'consumer-management', folder: 'consumers' },
  { name: 'analytics', folder: 'analytics' },
  {
    name: 'webhook-dispatcher',
    folder: 'webhooks',
    // The walkthrough's receiver listens on 127.0.0.1, which the SSRF guard refuses by default.
    env: { PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8', WEBHOOK_POLL_INTERVAL_MS: '100' },
  },
  { name: 'integration-connectors', folder: 'connectors' },
];

interface RunningApp {
  name: AppName;
  child: ChildProcess;
  url: string;
  output: string[];
}

export interface ProcessSuite {
  urls: Record<AppName, string>;
  namespace: string;
  /** The last lines an app wrote (to explain a failure). */
  tail(app: AppName, lines?: number): string;
  close(): Promise<void>;
}

/**
 * All six apps as separate processes, the way production runs them (each app's main.ts through
 * the shared bootstrap), each service on a fresh schema with its migrations applied, random ports,
 * one NATS namespace for this run, and the gateway finding the services through static discovery.
 */
export async function startProcessSuite(): Promise<ProcessSuite> {
  const namespace = `e2e${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const schemas: TestSchema[] = [];
  const apps: RunningApp[] = [];
  const common = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NATS_URL,
    PORTICO_NATS_NAMESPACE: namespace,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    PORTICO_SECRET_KEY: SECRET_KEY,
  };
  const suite: ProcessSuite = {
    urls: {} as Record<AppName, string>,
    namespace,
    tail(app, lines = 40) {
      const a = apps.find((x) => x.name === app);
      return a ? a.output.join('').split('\n').slice(-lines).join('\n') : '(not started)';
    },
    async close() {
      await Promise.all(apps.map((a) => stop(a.child)));
      await releaseNamespace(namespace, NATS_URL);
      for (const s of schemas) await s.drop();
    },
  };
  try {
    // Ports are chosen up front so the gateway can start alongside the services it discovers.
    const ports = await Promise.all([...SERVICES.map(() => freePort()), freePort()]);
    const staticServices = SERVICES.map((s, i) => `${s.name}=127.0.0.1:${ports[i]}`).join(',');
    const started = await Promise.all([
      ...SERVICES.map(async (s, i) => {
        const schema = await createTestSchema(s.folder);
        schemas.push(schema);
        return launch(apps, s.name, {
          ...common,
          PORT: String(ports[i]),
          DATABASE_URL: schema.url,
          ...s.env,
        });
      }),
      launch(apps, 'gateway', {
        ...common,
        PORT: String(ports[SERVICES.length]),
        PORTICO_STATIC_SERVICES: staticServices,
      }),
    ]);
    for (const app of started) suite.urls[app.name] = app.url;
    for (const app of apps) {
      await waitFor(async () => (await fetch(`${app.url}/health/ready`)).status === 200, {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: `${app.name} to report ready`,
      }).catch((err: Error) => {
        throw new Error(`${err.message}\n--- ${app.name} ---\n${suite.tail(app.name)}`);
      });
    }
    return suite;
  } catch (err) {
    await suite.close();
    throw err;
  }
}

/** A port nothing listens on right now (the OS's choice for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns one app and waits for the address it reports in its "listening" log line. */
async function launch(
  apps: RunningApp[],
  name: AppName,
  env: Record<string, string>,
): Promise<RunningApp> {
  const child = spawnAppMain(name, env);
  const app: RunningApp = { name, child, url: '', output: [] };
  apps.push(app);
  const onData = (d: Buffer) => {
    app.output.push(d.toString());
    if (app.output.length > 500) app.output.splice(0, 100);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited (${signal ?? code}):\n${app.output.join('').slice(-3000)}`)),
    ),
  );
  exited.catch(() => undefined);
  app.url = await Promise.race([
    exited,
    waitFor(
      () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*listening/.exec(app.output.join(''))?.[1],
      { timeoutMs: 60_000, intervalMs: 100, what: `${name} to listen` },
    ),
  ]);
  return app;
}

/** SIGTERM, then SIGKILL if the app has not stopped within 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
