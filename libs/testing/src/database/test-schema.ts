import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, escapeIdentifier } from 'pg';

/** The folders under prisma/, one per service that owns a PostgreSQL schema. */
export type ServiceFolder = 'registry' | 'consumers' | 'analytics' | 'webhooks' | 'connectors';

export interface TestSchemaOptions {
  /**
   * Server and database to create the schema in. Default: the server of DATABASE_URL (or
   * postgresql://postgres@127.0.0.1:5432) with database `portico_test`, created when missing.
   */
  databaseUrl?: string;
  /** Root holding `<folder>/migrations` (default: the workspace's prisma/). */
  prismaDir?: string;
}

export interface TestSchema {
  /** Server and database, without schema selection. */
  databaseUrl: string;
  /** The fresh schema, e.g. `registry_t_3f9a0c1d2e`. */
  schema: string;
  /**
   * `databaseUrl?schema=<schema>`: what an app takes as `<APP>_DATABASE_URL` (the platform reads the
   * schema from `?schema=` and gives it to the Prisma adapter and to the connection's search_path).
   */
  url: string;
  /** Drops the schema and everything in it. Safe to call twice. */
  drop(): Promise<void>;
}

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const TEST_DATABASE = 'portico_test';
const CONNECT_TIMEOUT_MS = 5_000;

// The table `prisma migrate deploy` creates (same DDL), so either tool can take over a test schema.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface Migration {
  name: string;
  script: string;
  checksum: string;
}

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('createTestSchema: cannot find the workspace root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return dir;
}

/** The service's migrations in the order Prisma applies them (folder name order). */
function readMigrations(prismaDir: string, folder: ServiceFolder): Migration[] {
  const migrationsDir = path.join(prismaDir, folder, 'migrations');
  if (!existsSync(migrationsDir))
    throw new Error(`createTestSchema: no migrations in ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const script = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: createHash('sha256').update(script).digest('hex') };
    });
}

function redact(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  u.searchParams.delete('schema');
  return u.toString();
}

function withoutSchema(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('schema');
  return u.toString();
}

function defaultDatabaseUrl(): string {
  const server = process.env['DATABASE_URL'] || DEFAULT_SERVER_URL;
  return withDatabase(server, TEST_DATABASE);
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/** Many Jest workers may get here at once: losing the race to create the database is fine. */
async function createDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = await connect(withDatabase(url, 'postgres'));
  try {
    await admin.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
  } catch (err) {
    // 42P04 duplicate_database; 23505 when two CREATE DATABASE collide on the catalog index
    if (pgCode(err) !== '42P04' && pgCode(err) !== '23505') throw err;
  } finally {
    await admin.end();
  }
}

async function connectCreatingDatabase(url: string): Promise<Client> {
  try {
    return await connect(url);
  } catch (err) {
    if (pgCode(err) !== '3D000') throw err;
  }
  await createDatabase(url);
  return connect(url);
}

/**
 * Applies the service's migrations the way the schema engine does: each migration.sql as one
 * simple-protocol script (one implicit transaction), recorded in `_prisma_migrations` with the
 * same checksum, so the schema is what `pnpm db migrate` produces in production.
 */
async function applyMigrations(client: Client, migrations: Migration[]): Promise<void> {
  await client.query(MIGRATIONS_TABLE_DDL);
  for (const migration of migrations) {
    const id = randomUUID();
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`,
      [id, migration.checksum, migration.name],
    );
    try {
      await client.query(migration.script);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`createTestSchema: migration ${migration.name} failed: ${message}`, {
        cause: err,
      });
    }
    await client.query(
      `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1`,
      [id],
    );
  }
}

/**
 * A fresh, uniquely named schema (`<folder>_t_<random>`) in the test database with the service's
 * migrations applied. Call `drop()` when done (e.g. in afterAll).
 *
 * @example
 * const db = await createTestSchema('registry');
 * // start the app with REGISTRY_DATABASE_URL = db.url, or build a client directly:
 * const prisma = new PrismaClient({ adapter: createPrismaAdapter({ url: db.databaseUrl, schema: db.schema }) });
 * afterAll(async () => { await prisma.$disconnect(); await db.drop(); });
 */
export async function createTestSchema(
  folder: ServiceFolder,
  opts: TestSchemaOptions = {},
): Promise<TestSchema> {
  const databaseUrl = opts.databaseUrl ? withoutSchema(opts.databaseUrl) : defaultDatabaseUrl();
  const migrations = readMigrations(opts.prismaDir ?? path.join(workspaceRoot(), 'prisma'), folder);
  const schema = `${folder}_t_${randomBytes(5).toString('hex')}`;

  let client: Client;
  try {
    client = await connectCreatingDatabase(databaseUrl);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`createTestSchema: cannot connect to ${redact(databaseUrl)}: ${message}`, {
      cause: err,
    });
  }
  try {
    await client.query(
      `CREATE SCHEMA ${escapeIdentifier(schema)}; SET search_path TO ${escapeIdentifier(schema)}`,
    );
    await applyMigrations(client, migrations);
  } catch (err) {
    await client
      .query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)
      .catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }

  const url = new URL(databaseUrl);
  url.searchParams.set('schema', schema);
  return {
    databaseUrl,
    schema,
    url: url.toString(),
    drop: async () => {
      const c = await connect(databaseUrl);
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
