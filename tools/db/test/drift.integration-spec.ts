import { appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { copyPrisma, ROOT, runCli } from './helpers';

function migrationDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

// Each check/new creates and drops a shadow database per service: allow for a busy machine.
jest.setTimeout(90_000);

describe('db check / db new', () => {
  it('passes on the repository', async () => {
    const started = Date.now();
    const result = await runCli(['check']);
    process.stdout.write(`check (5 services): ${Date.now() - started} ms\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails naming the service whose schema changed without a migration; new writes it; check passes', async () => {
    const copy = copyPrisma();
    try {
      const registry = path.join(copy.dir, 'registry');
      appendFileSync(
        path.join(registry, 'schema.prisma'),
        '\nmodel DriftProbe {\n  id    String @id\n  label String?\n\n  @@map("drift_probes")\n}\n',
      );

      const failing = await runCli(['check', 'registry', 'consumers', '--dir', copy.dir]);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toMatch(/^db: schema changed without a migration in: registry \(/);
      expect(failing.stdout).toContain('registry: schema.prisma differs from its migrations');
      expect(failing.stdout).toContain('CREATE TABLE "drift_probes"');
      expect(failing.stdout).toMatch(/^consumers: ok$/m);

      const before = migrationDirs(path.join(registry, 'migrations'));
      const created = await runCli([
        'new',
        'registry',
        '--name',
        'Add drift probe',
        '--dir',
        copy.dir,
      ]);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const after = migrationDirs(path.join(registry, 'migrations'));
      expect(after).toHaveLength(before.length + 1);
      const newest = after.at(-1)!;
      expect(newest).toMatch(/^\d{14}_add_drift_probe$/);
      expect(newest > before.at(-1)!).toBe(true);
      const sql = readFileSync(path.join(registry, 'migrations', newest, 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "drift_probes"');
      expect(sql).not.toMatch(/"registry"\.|"public"\./); // schema-agnostic

      const passing = await runCli(['check', 'registry', '--dir', copy.dir]);
      expect(passing.code).toBe(0);

      const empty = await runCli(['new', 'registry', '--name', 'nothing', '--dir', copy.dir]);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toBe(
        'db: registry: schema.prisma matches its migrations, nothing to create\n',
      );
    } finally {
      copy.remove();
    }
  });

  it('creates the first migration of a service that has none, covering what the repository has', async () => {
    const copy = copyPrisma(['webhooks']);
    try {
      const migrations = path.join(copy.dir, 'webhooks', 'migrations');
      rmSync(migrations, { recursive: true });
      const result = await runCli(['new', 'webhooks', '--name', 'init', '--dir', copy.dir]);
      expect(result.code).toBe(0);

      const repoMigrations = path.join(ROOT, 'prisma', 'webhooks', 'migrations');
      const created = migrationDirs(migrations);
      expect(created).toHaveLength(1);
      const tables = (sql: string) =>
        [...sql.matchAll(/CREATE TABLE "([a-z_]+)"/g)].map((m) => m[1]).sort();
      const read = (dir: string, name: string) =>
        readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      // The repository reached its schema in several steps; one fresh migration must create the same tables.
      const committedTables = migrationDirs(repoMigrations).flatMap((name) =>
        tables(read(repoMigrations, name)),
      );
      expect(tables(read(migrations, created[0]!))).toEqual(committedTables.sort());
      expect(readFileSync(path.join(migrations, 'migration_lock.toml'), 'utf8')).toBe(
        readFileSync(path.join(repoMigrations, 'migration_lock.toml'), 'utf8'),
      );
      const check = await runCli(['check', 'webhooks', '--dir', copy.dir]);
      expect(check.code).toBe(0);
    } finally {
      copy.remove();
    }
  });
});
