import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlExecutor } from '@portico/messaging';
import {
  type DatabaseConnection,
  InjectConfig,
  InjectDatabaseConnection,
  InjectLogger,
} from '@portico/platform';
import pg from 'pg';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';

export type PgClient = pg.PoolClient;

/** BIGINT and NUMERIC as numbers (counts stay far below 2^53), for this pool only. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number.parseInt(v, 10);
    if (oid === pg.types.builtins.NUMERIC) return (v: string) => Number.parseFloat(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * A node-postgres pool on the service's schema, for what Prisma cannot do or does slowly: COPY,
 * large multi-row upserts, and the aggregate queries behind the metrics API.
 */
@Injectable()
export class AnalyticsDb implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(
    @InjectDatabaseConnection() conn: DatabaseConnection,
    @InjectConfig() config: AnalyticsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({
      connectionString: conn.url,
      max: config.ANALYTICS_DB_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      options: `-c search_path=${pg.escapeIdentifier(conn.schema)} -c TimeZone=UTC`,
      application_name: 'portico-analytics',
      types,
    });
    this.pool.on('error', (err) => logger.warn({ err: err.message }, 'database pool error'));
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  /** Runs `fn` in a transaction on one connection; commits when it resolves. */
  async transaction<R>(fn: (client: PgClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out client has no pool listener: a backend killed mid-transaction would otherwise
    // surface as an unhandled 'error' event and take the process down instead of failing the batch.
    const onError = (err: Error) => {
      broken = true;
      this.logger.warn({ err: err.message }, 'database connection lost in a transaction');
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/** A pg connection as the outbox helpers' SqlExecutor (both use $1 placeholders). */
export function sqlExecutor(client: PgClient): SqlExecutor {
  return {
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      return (await client.query(query, values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]) {
      return (await client.query(query, values)).rows as T;
    },
  };
}

export const ADVISORY_NAMESPACE = 0x414e4c59; // "ANLY"

const ROLLUP_LOCK_KEY = `${ADVISORY_NAMESPACE}, CAST(CAST(CAST('rollup_state' AS regclass) AS oid) AS integer)`;

/**
 * The seal takes the rollup lock exclusively and ingest batches share it, from reading
 * `sealed_until` to COMMIT: a bucket is never sealed while a batch that saw it unsealed still
 * writes to it. Keyed by the oid of rollup_state, so test schemas sharing a database never contend.
 */
export const ROLLUP_LOCK_SQL = `SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`;
export const ROLLUP_SHARED_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(${ROLLUP_LOCK_KEY})`;
