import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  dropDatabase,
  FOLDERS,
  query,
  ROOT,
  runCli,
  uniqueName,
  withDatabase,
  SERVER_URL,
} from './helpers';

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  applied_steps_count: number;
}

function localMigrations(folder: string): string[] {
  return readdirSync(path.join(ROOT, 'prisma', folder, 'migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

describe('db migrate', () => {
  const database = uniqueName('portico_dbtool');
  const databaseUrl = withDatabase(SERVER_URL, database);
  const env = { DATABASE_URL: databaseUrl };

  afterAll(() => dropDatabase(database));

  it('creates the database and each service schema, applies and records the migrations', async () => {
    const started = Date.now();
    const result = await runCli(['migrate'], env);
    process.stdout.write(`migrate (5 services, fresh database): ${Date.now() - started} ms\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    for (const folder of FOLDERS) {
      const rows = await query<MigrationRow>(
        databaseUrl,
        `SELECT * FROM "${folder}"._prisma_migrations ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(localMigrations(folder));
      expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);

      const tables = await query<{ table_schema: string }>(
        databaseUrl,
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_events' AND table_schema = $1`,
        [folder],
      );
      expect(tables).toHaveLength(1);
    }
    // Nothing lands in public: the migration SQL is unqualified and runs in the service schema.
    const publicTables = await query(
      databaseUrl,
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(publicTables).toHaveLength(0);
  });

  it('is a no-op the second time', async () => {
    const before = await query<MigrationRow>(
      databaseUrl,
      `SELECT * FROM registry._prisma_migrations ORDER BY id`,
    );
    const started = Date.now();
    const result = await runCli(['migrate', 'registry'], env);
    process.stdout.write(`migrate registry (up to date): ${Date.now() - started} ms\n`);
    expect(result.code).toBe(0);
    const after = await query<MigrationRow>(
      databaseUrl,
      `SELECT * FROM registry._prisma_migrations ORDER BY id`,
    );
    expect(after).toEqual(before);
  });

  it('honours <APP>_DATABASE_URL with ?schema= for one service', async () => {
    const url = new URL(databaseUrl);
    url.searchParams.set('schema', 'registry_custom');
    const result = await runCli(['migrate', 'registry'], {
      ...env,
      REGISTRY_DATABASE_URL: url.toString(),
    });
    expect(result.code).toBe(0);
    const rows = await query(
      databaseUrl,
      `SELECT migration_name FROM registry_custom._prisma_migrations`,
    );
    expect(rows).toHaveLength(localMigrations('registry').length);
  });

  it('fails on one line, naming the URL without its password, when the server is unreachable', async () => {
    const result = await runCli(['migrate', 'registry'], {
      DATABASE_URL: 'postgresql://portico:s3cret@127.0.0.1:1/portico',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^db: cannot connect to postgresql:\/\/portico@127\.0\.0\.1:1\/portico: .+\n$/,
    );
    expect(result.stderr).not.toContain('s3cret');
  });

  it('rejects an unknown service folder', async () => {
    const result = await runCli(['migrate', 'billing'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^db: unknown service folder 'billing'/);
  });
});
