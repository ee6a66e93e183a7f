import { DEFAULT_TENANT_ID } from '@portico/contracts';
import {
  CredentialsDouble,
  createTestSchema,
  startTestApp,
  type TestApp,
  type TestClient,
  type TestSchema,
} from '@portico/testing';
import type { WebhookDispatcherConfig } from '../../src/config';
import { webhookDispatcherService } from '../../src/service';

export const ADMIN_KEY = 'pk_test_bootstrap_admin_0123456789';

export interface Harness {
  db: TestSchema;
  app: TestApp<WebhookDispatcherConfig>;
  creds: CredentialsDouble;
  /** The bootstrap admin of ten_default. */
  admin: TestClient;
  /** A client with a key of the given tenant and role (registered with the credentials double). */
  as(
    tenantId: string,
    role: 'admin' | 'user' | 'auditor' | 'consumer' | 'system',
    consumerId?: string,
  ): TestClient;
  close(): Promise<void>;
}

/** Boots the dispatcher as production does, on a throwaway schema, with a local-receiver allow-list. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestSchema('webhooks');
  const creds = await CredentialsDouble.start();
  const app = await startTestApp(webhookDispatcherService, {
    DATABASE_URL: db.url,
    PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8',
    WEBHOOK_POLL_INTERVAL_MS: '50',
    LOG_LEVEL: 'warn',
    ...env,
  });
  await app.waitUntilReady();
  let n = 0;
  return {
    db,
    app,
    creds,
    admin: app.client.withHeaders({ 'x-api-key': ADMIN_KEY }),
    as(tenantId, role, consumerId) {
      const key = `pk_test_${tenantId}_${role}_${(n++).toString().padStart(8, '0')}`;
      creds.addKey(key, { tenantId, role, consumerId: consumerId ?? null });
      return app.client.withHeaders({ 'x-api-key': key });
    },
    async close() {
      await app.close();
      await creds.stop();
      await db.drop();
    },
  };
}

export { DEFAULT_TENANT_ID };
