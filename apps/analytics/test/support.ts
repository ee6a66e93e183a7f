import { randomUUID } from 'node:crypto';
import { DEFAULT_TENANT_ID, Streams, trafficSubject, type RequestEvent } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import {
  createTestSchema,
  startTestApp,
  TEST_NATS_NAMESPACE,
  type TestApp,
  type TestSchema,
} from '@portico/testing';
import pg from 'pg';
import type { AnalyticsConfig } from '../src/config';
import { AppModule } from '../src/app.module';
import type { Clock } from '../src/shared/clock';
import type { IngestHooks } from '../src/shared/core.module';
import { analyticsService } from '../src/service';

export const ADMIN_KEY = 'pk_test_analytics_admin_key_0123456789';

/** A clock the test moves. */
export class FakeClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Analytics {
  app: TestApp<AnalyticsConfig>;
  db: TestSchema;
  /** Plain SQL on the app's schema, for assertions. */
  sql: pg.Pool;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** Boots the real app (production bootstrap) on a throwaway schema, with a clock and failpoints. */
export async function startAnalytics(
  opts: { db?: TestSchema; clock?: Clock; hooks?: IngestHooks; env?: Record<string, string> } = {},
): Promise<Analytics> {
  const db = opts.db ?? (await createTestSchema('analytics'));
  const app = await startTestApp(
    {
      ...analyticsService,
      module: AppModule.register({ clock: opts.clock, ingestHooks: opts.hooks }),
    },
    {
      ANALYTICS_DATABASE_URL: db.url,
      PORTICO_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
      ANALYTICS_INGEST_MAX_WAIT_MS: '1000',
      ...opts.env,
    },
  );
  const sql = new pg.Pool({
    connectionString: db.databaseUrl,
    options: `-c search_path=${db.schema}`,
    max: 2,
  });
  return {
    app,
    db,
    sql,
    get: (token) => app.service.app.get(token as never),
    async close() {
      await app.close();
      await sql.end();
    },
  };
}

/** Publishes traffic as the gateway does: batches of events per message on portico.traffic.<tenant>. */
export class TrafficPublisher {
  private constructor(readonly messaging: Messaging) {}

  static async start(): Promise<TrafficPublisher> {
    const messaging = await Messaging.connect({
      url: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      name: 'traffic-publisher',
      namespace: TEST_NATS_NAMESPACE,
    });
    await messaging.ensureStreams([Streams.traffic]);
    return new TrafficPublisher(messaging);
  }

  async publish(events: readonly RequestEvent[], perMessage = 100): Promise<void> {
    // The stream goes when the last app of the namespace stops; a test may publish before the next starts.
    await this.messaging.ensureStreams([Streams.traffic]);
    for (let i = 0; i < events.length; i += perMessage) {
      const chunk = events.slice(i, i + perMessage);
      await this.messaging.publishJson(trafficSubject(chunk[0]!.tenantId), { events: chunk });
    }
  }

  async stop(): Promise<void> {
    await this.messaging.close();
  }
}

export function requestEvent(overrides: Partial<RequestEvent> = {}): RequestEvent {
  return {
    requestId: `req_${randomUUID()}`,
    time: new Date().toISOString(),
    tenantId: DEFAULT_TENANT_ID,
    apiId: 'api_orders',
    apiName: 'orders',
    version: 'v1',
    routeId: 'rte_list',
    method: 'GET',
    pathTemplate: '/orders',
    path: '/orders',
    status: 200,
    upstreamInstance: '127.0.0.1:9001',
    latencyMs: 20,
    upstreamLatencyMs: 18,
    gatewayLatencyMs: 2,
    bytesIn: 100,
    bytesOut: 1000,
    consumerId: 'con_alpha',
    keyId: 'key_alpha',
    planId: null,
    quotaPerMonth: null,
    clientIp: '203.0.113.9',
    errorCode: null,
    cacheStatus: null,
    ...overrides,
  };
}

export async function scalar(sql: pg.Pool, query: string, params: unknown[] = []): Promise<number> {
  const { rows } = await sql.query(query, params);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}
