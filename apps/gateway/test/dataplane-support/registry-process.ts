import type { ChildProcess } from 'node:child_process';
import {
  createTestSchema,
  spawnAppMain,
  TEST_NATS_NAMESPACE,
  TestClient,
  waitFor,
  type TestSchema,
} from '@portico/testing';

export const REGISTRY_ADMIN_KEY = 'pk_gateway_dataplane_admin_01';

export interface RegistryProcess {
  url: string;
  db: TestSchema;
  admin: TestClient;
  close(): Promise<void>;
}

/**
 * The real registry, run from its main.ts in a child process (an app never imports another app)
 * on its own database schema and this test file's NATS namespace.
 */
export async function startRegistryProcess(): Promise<RegistryProcess> {
  const db = await createTestSchema('registry');
  const child: ChildProcess = spawnAppMain('registry', {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url,
    PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
    PORTICO_BOOTSTRAP_ADMIN_KEY: REGISTRY_ADMIN_KEY,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url: string;
  try {
    url = await waitFor(
      () => {
        for (const line of out.split('\n')) {
          if (!line.includes('listening')) continue;
          try {
            return (JSON.parse(line) as { url?: string }).url;
          } catch {
            continue;
          }
        }
        if (child.exitCode !== null) throw new Error(`registry exited: ${err}`);
        return undefined;
      },
      { timeoutMs: 60_000, what: 'the registry to listen' },
    );
    const client = new TestClient(url);
    await waitFor(async () => (await client.get('/health/ready')).status === 200, {
      timeoutMs: 30_000,
      what: 'the registry to be ready',
    });
  } catch (e) {
    child.kill('SIGKILL');
    await db.drop();
    throw e;
  }
  return {
    url,
    db,
    admin: new TestClient(url, { 'x-api-key': REGISTRY_ADMIN_KEY }),
    async close() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
    },
  };
}
