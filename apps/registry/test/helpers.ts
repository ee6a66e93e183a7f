import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Streams, type CloudEvent } from '@portico/contracts';
import { Messaging, SubjectNamespace } from '@portico/messaging';
import {
  createTestSchema,
  readStreamMessages,
  startTestApp,
  TEST_NATS_NAMESPACE,
  type TestApp,
  type TestClient,
  type TestSchema,
} from '@portico/testing';
import { registryService } from '../src/service';

export const ADMIN_KEY = 'pk_registry_bootstrap_admin_0001';

export interface Registry {
  app: TestApp;
  db: TestSchema;
  /** The bootstrap admin of ten_default. */
  admin: TestClient;
  close(): Promise<void>;
}

export async function startRegistry(env: Record<string, string> = {}): Promise<Registry> {
  const db = await createTestSchema('registry');
  const app = await startTestApp(registryService, {
    DATABASE_URL: db.url,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    ...env,
  });
  await app.waitUntilReady();
  return {
    app,
    db,
    admin: app.client.withHeaders({ 'x-api-key': ADMIN_KEY }),
    async close() {
      // DEBUG_REGISTRY_LOGS=1 prints what the app logged at warn level or above, to diagnose a failure.
      if (process.env['DEBUG_REGISTRY_LOGS']) {
        for (const l of app.logs)
          if (l['level'] === 'warn' || l['level'] === 'error') console.log(JSON.stringify(l));
      }
      await app.close();
      await db.drop();
    },
  };
}

export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}

/** A minimal valid version body. */
export function versionBody(version = 'v1', extra: Record<string, unknown> = {}) {
  return {
    version,
    basePath: '/cameras',
    upstream: { service: 'camera-service' },
    routes: [
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/{id}', operationId: 'getCamera' },
    ],
    ...extra,
  };
}

/** A connection in this test file's NATS namespace, for reading what the registry published. */
export async function testMessaging(): Promise<Messaging> {
  const m = await Messaging.connect({
    url: 'nats://127.0.0.1:4222',
    name: 'registry-test',
    namespace: TEST_NATS_NAMESPACE,
  });
  await m.ensureStreams();
  return m;
}

/** The registry events stored in the stream (published once each, JetStream dedupes retries). */
export async function storedRegistryEvents(m: Messaging): Promise<CloudEvent[]> {
  const ns = new SubjectNamespace(TEST_NATS_NAMESPACE);
  const msgs = await readStreamMessages(
    m,
    ns.subject('portico.events.registry.>'),
    ns.stream(Streams.events.name),
  );
  return msgs.map((msg) => msg.json<CloudEvent>());
}
