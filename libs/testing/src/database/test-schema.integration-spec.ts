import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestSchema } from './test-schema';

const SERVER_URL = process.env['DATABASE_URL'] || 'postgresql://postgres@127.0.0.1:5432/postgres';
const PRISMA_DIR = path.resolve(__dirname, '../../../../prisma');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function query<T extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function localMigrations(folder: string): { name: string; checksum: string }[] {
  const dir = path.join(PRISMA_DIR, folder, 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash('sha256')
        .update(readFileSync(path.join(dir, name, 'migration.sql')))
        .digest('hex'),
    }));
}

describe('createTestSchema', () => {
  it('creates a fresh schema with the migrations applied and recorded, and drop() removes it', async () => {
    const started = Date.now();
    const db = await createTestSchema('registry');
    const elapsed = Date.now() - started;

    expect(db.schema).toMatch(/^registry_t_[0-9a-f]{10}$/);
    expect(new URL(db.databaseUrl).pathname).toBe('/portico_test');
    expect(new URL(db.url).searchParams.get('schema')).toBe(db.schema);

    const tables = await query<{ table_name: string }>(
      db.databaseUrl,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [db.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'outbox_events']),
    );

    const recorded = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      db.databaseUrl,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "${db.schema}"._prisma_migrations ORDER BY migration_name`,
    );
    expect(recorded.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(
      localMigrations('registry'),
    );
    expect(recorded.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);

    await db.drop();
    await db.drop(); // idempotent
    const left = await query(db.databaseUrl, `SELECT 1 FROM pg_namespace WHERE nspname = $1`, [
      db.schema,
    ]);
    expect(left).toHaveLength(0);

    process.stdout.write(
      `createTestSchema('registry') took ${elapsed} ms (first call in this worker)\n`,
    );
  });

  it('is quick once the database exists', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const db = await createTestSchema('consumers');
      times.push(Date.now() - started);
      await db.drop();
    }
    process.stdout.write(`createTestSchema('consumers') x5: ${times.join(', ')} ms\n`);
    expect(Math.min(...times)).toBeLessThan(500);
  });

  it('creates the test database when missing, even with many callers at once', async () => {
    const database = `portico_test_race_${Date.now().toString(36)}`;
    const databaseUrl = withDatabase(SERVER_URL, database);
    try {
      const folders = [
        'registry',
        'consumers',
        'analytics',
        'webhooks',
        'connectors',
        'registry',
      ] as const;
      const schemas = await Promise.all(folders.map((f) => createTestSchema(f, { databaseUrl })));
      expect(new Set(schemas.map((s) => s.schema)).size).toBe(folders.length);
      for (const s of schemas) {
        const rows = await query(s.databaseUrl, `SELECT 1 FROM "${s.schema}".outbox_events`);
        expect(rows).toEqual([]);
      }
      await Promise.all(schemas.map((s) => s.drop()));
    } finally {
      await query(
        withDatabase(SERVER_URL, 'postgres'),
        `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
      );
    }
  });

  it('fails with the URL (without password) when the server is unreachable', async () => {
    await expect(
      createTestSchema('registry', {
        databaseUrl: 'postgresql://postgres:secret@127.0.0.1:1/portico_test',
      }),
    ).rejects.toThrow(
      /^createTestSchema: cannot connect to postgresql:\/\/postgres@127\.0\.0\.1:1\/portico_test: /,
    );
  });
});
