/**
 * A throwaway schema in the `portico_test` database and a tiny SqlDatabase adapter over `pg`, for
 * the outbox specs. The DDL matches what the Prisma helper creates in every service schema.
 */
import { Client, Pool, type PoolClient } from 'pg';
import type { SqlDatabase, SqlExecutor } from '../outbox';

const ADMIN_URL = process.env['PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_DB = 'portico_test';

export const OUTBOX_DDL = `
CREATE TABLE outbox_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  published_at TIMESTAMPTZ(3),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_events_published_at_id_idx ON outbox_events (published_at, id);`;

export interface TestSchema {
  schema: string;
  db: PgDatabase;
  drop(): Promise<void>;
}

async function ensureDatabase(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      TEST_DB,
    ]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${TEST_DB}`).catch((err: { code?: string }) => {
        // Another suite created it at the same moment.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await admin.end();
  }
}

export async function createTestSchema(schema: string): Promise<TestSchema> {
  await ensureDatabase();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${TEST_DB}`;
  const setup = new Client({ connectionString: url.toString() });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA ${schema}`);
    await setup.query(`SET search_path TO ${schema}`);
    await setup.query(OUTBOX_DDL);
  } finally {
    await setup.end();
  }
  // search_path selects the schema, as in the services.
  const pool = new Pool({
    connectionString: url.toString(),
    options: `-c search_path=${schema}`,
    max: 5,
  });
  const db = new PgDatabase(pool);
  return {
    schema,
    db,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

class PgExecutor implements SqlExecutor {
  constructor(protected readonly q: Pool | PoolClient) {}

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    const r = await this.q.query(query, values);
    return r.rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    const r = await this.q.query(query, values);
    return r.rows as T;
  }
}

export class PgDatabase extends PgExecutor implements SqlDatabase {
  constructor(readonly pool: Pool) {
    super(pool);
  }

  async $transaction<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
