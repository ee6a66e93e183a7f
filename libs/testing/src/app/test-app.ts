import { type RunningService, type ServiceDefinition, createService } from '@portico/platform';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { TestClient } from './http-client';
import { TEST_NATS_NAMESPACE, acquireNamespace, releaseNamespace } from './nats-namespace';
import { waitFor } from './wait-for';

export interface TestApp<C = unknown> {
  url: string;
  client: TestClient;
  service: RunningService<C>;
  config: C;
  /** Log lines the app wrote (JSON-parsed), for tests that assert on logging. */
  logs: Array<Record<string, unknown>>;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Captures the app's JSON log lines in memory instead of stdout. */
function captureLogs(into: Array<Record<string, unknown>>): DestinationStream {
  return {
    write(line: string) {
      try {
        into.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        into.push({ raw: line });
      }
    },
  };
}

/**
 * Starts an app the way production does (same bootstrap), on a free port of 127.0.0.1, with the
 * given environment on top of test defaults. Close it in afterAll.
 */
export async function startTestApp<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  env: Record<string, string | undefined> = {},
): Promise<TestApp<z.infer<S>>> {
  const logs: Array<Record<string, unknown>> = [];
  const fullEnv: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    PORTICO_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
    ...env,
  };
  const service = await createService(def, fullEnv, { logDestination: captureLogs(logs) });
  const namespace = fullEnv.PORTICO_NATS_NAMESPACE ?? '';
  acquireNamespace(namespace);
  const url = await service.listen();
  const client = new TestClient(url);
  return {
    url,
    client,
    service,
    config: service.config,
    logs,
    async waitUntilReady(timeoutMs = 15_000) {
      await waitFor(async () => (await client.get('/health/ready')).status === 200, {
        timeoutMs,
        what: `${def.name} to report ready`,
      });
    },
    async close() {
      await service.close();
      await releaseNamespace(namespace, fullEnv['NATS_URL'] ?? 'nats://127.0.0.1:4222');
    },
  };
}
