import { type CloudEvent, type VerifyCredentialReply, RpcSubject } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import { DATABASE } from '@portico/platform';
import {
  createTestSchema,
  startTestApp,
  TEST_NATS_NAMESPACE,
  type TestApp,
  type TestClient,
  type TestSchema,
  waitFor,
} from '@portico/testing';
import type { Db } from '../src/common/database';
import type { ConsumerManagementConfig } from '../src/config';
import { consumerManagementService } from '../src/service';

export const BOOTSTRAP_KEY = 'pk_bootstrap_admin_key_for_tests_0001';
/** 32 bytes, base64: what production would set. */
export const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Harness {
  app: TestApp<ConsumerManagementConfig>;
  schema: TestSchema;
  db: Db;
  /** The bootstrap admin of the default tenant. */
  admin: TestClient;
  /** A NATS connection in the app's namespace, as the gateway would have. */
  nats: Messaging;
  /** Every `consumer.>` event the app published since start. */
  events: CloudEvent[];
  as(key: string): TestClient;
  verify(key: string, clientIp?: string): Promise<VerifyCredentialReply>;
  close(): Promise<void>;
}

/** Boots consumer-management on a fresh schema, with an event recorder and a NATS client. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const schema = await createTestSchema('consumers');
  const app = await startTestApp(consumerManagementService, {
    DATABASE_URL: schema.url,
    PORTICO_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    PORTICO_SECRET_KEY: SECRET_KEY,
    ...env,
  });
  await app.waitUntilReady();
  const nats = await Messaging.connect({
    url: 'nats://127.0.0.1:4222',
    name: 'test-gateway',
    namespace: TEST_NATS_NAMESPACE,
  });
  await nats.ensureStreams();
  const events: CloudEvent[] = [];
  const sub = nats.subscribeEvents('consumer.>', (e) => void events.push(e), {
    deliverFrom: 'all',
  });
  await sub.ready;
  const db = app.service.app.get<Db>(DATABASE);
  const verify = (key: string, clientIp?: string) =>
    nats.request<VerifyCredentialReply>(RpcSubject.credentialsVerify, {
      type: 'apiKey',
      key,
      ...(clientIp ? { clientIp } : {}),
    });
  // Rest calls need the handler to be registered (it is once NATS is connected).
  await waitFor(async () => (await verify(BOOTSTRAP_KEY)).valid, { what: 'verify handler' });
  return {
    app,
    schema,
    db,
    admin: app.client.withHeaders({ 'x-api-key': BOOTSTRAP_KEY }),
    nats,
    events,
    as: (key) => app.client.withHeaders({ 'x-api-key': key }),
    verify,
    async close() {
      await sub.stop();
      await nats.close();
      await app.close();
      await schema.drop();
    },
  };
}

/** Waits until an event of `type` about `subject` has been published, and returns it. */
export function eventOf(h: Harness, type: string, subject: string): Promise<CloudEvent> {
  return waitFor(() => h.events.find((e) => e.type === type && e.subject === subject), {
    what: `${type} for ${subject}`,
  });
}

let seq = 0;
/** A unique email per call. */
export function email(tag = 'dev'): string {
  seq++;
  return `${tag}-${Date.now().toString(36)}-${seq}@example.com`;
}

/** Creates an approved consumer (as the admin) and returns its id. */
export async function approvedConsumer(
  client: TestClient,
  body: Record<string, unknown> = {},
): Promise<string> {
  const res = await client.post('/api/v1/consumers', { name: 'App', email: email(), ...body });
  if (res.status !== 201) throw new Error(`consumer not created: ${res.status} ${res.text}`);
  return res.body.data.id;
}
