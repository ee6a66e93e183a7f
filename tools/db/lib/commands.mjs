// migrate, new, check, status.
import path from 'node:path';
import pg from 'pg';
import { DbToolError } from './errors.mjs';
import { migrationNames, readMigrationsList, writeMigration } from './migrations.mjs';
import { connect, connectCreatingDatabase, createSchema, withDatabase } from './postgres.mjs';
import { isEngineFetchFailure, runPrisma, schemaEngineMode } from './prisma-cli.mjs';
import { readSchema, redact, resolveServiceDatabase } from './services.mjs';
import { NO_FILTERS, withSchemaEngine } from './wasm-engine.mjs';

const UNDEFINED_TABLE = '42P01';

function where(url, schema) {
  return `${redact(url)} (schema ${schema})`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------- migrate

/** `prisma migrate deploy`; its prisma.config.ts resolves the same URL and schema as `where` shows. */
async function migrateNative(service) {
  const result = await runPrisma(['migrate', 'deploy', '--config', service.configFile]);
  if (result.code === 0) return { ok: true, output: result.output };
  if (isEngineFetchFailure(result.output)) return { ok: false };
  throw new DbToolError(`${service.folder}: prisma migrate deploy failed\n${result.output.trim()}`);
}

async function migrateWasm(service, url, schema) {
  const schemaText = readSchema(service);
  try {
    const { appliedMigrationNames } = await withSchemaEngine(
      { url, schema, schemaFile: service.schemaFile, schemaText },
      (engine) =>
        engine.applyMigrations({
          migrationsList: readMigrationsList(service.migrationsDir),
          filters: NO_FILTERS,
        }),
    );
    return appliedMigrationNames;
  } catch (err) {
    throw new DbToolError(`${service.folder}: ${err.message}`);
  }
}

export async function migrate(services, { log }) {
  for (const service of services) {
    const { url, schema } = resolveServiceDatabase(service);
    const local = migrationNames(service.migrationsDir);
    if (local.length === 0) {
      log(
        `${service.folder}: no migrations in ${path.relative(process.cwd(), service.migrationsDir)}, nothing to apply`,
      );
      continue;
    }
    const client = await connectCreatingDatabase(url);
    try {
      await createSchema(client, schema);
    } finally {
      await client.end();
    }
    if ((await schemaEngineMode()) === 'native') {
      const native = await migrateNative(service);
      if (native.ok) {
        log(
          `${service.folder}: ${where(url, schema)}\n${native.output.trim().replace(/^/gm, '  ')}`,
        );
        continue;
      }
      if (process.env.PORTICO_DB_ENGINE === 'native') {
        throw new DbToolError(
          `${service.folder}: the native schema engine cannot be downloaded (PORTICO_DB_ENGINE=native)`,
        );
      }
    }
    const applied = await migrateWasm(service, url, schema);
    log(
      applied.length === 0
        ? `${service.folder}: up to date (${plural(local.length, 'migration')}) in ${where(url, schema)}`
        : `${service.folder}: applied ${applied.join(', ')} to ${where(url, schema)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------- new / check

/** The SQL that takes the database from the service's migrations to its schema.prisma ('' if none). */
async function pendingDiff(service) {
  const schemaText = readSchema(service);
  const { url } = resolveServiceDatabase(service);
  // Only the shadow database (created and dropped by the engine's adapter) is used.
  const adminUrl = withDatabase(url, 'postgres');
  await connect(adminUrl).then((c) => c.end());
  let result;
  try {
    result = await withSchemaEngine(
      { url: adminUrl, schema: null, schemaFile: service.schemaFile, schemaText },
      (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...readMigrationsList(service.migrationsDir) },
          to: {
            tag: 'schemaDatamodel',
            files: [{ path: service.schemaFile, content: schemaText }],
          },
          script: true,
          exitCode: true,
          filters: NO_FILTERS,
        }),
    );
  } catch (err) {
    throw new DbToolError(`${service.folder}: ${err.message}`);
  }
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

export async function createMigration(service, name, { log }) {
  if (!name)
    throw new DbToolError('a migration name is required: new <folder> --name <what_changed>');
  const script = await pendingDiff(service);
  if (!script.trim()) {
    throw new DbToolError(
      `${service.folder}: schema.prisma matches its migrations, nothing to create`,
    );
  }
  const folder = writeMigration(service.migrationsDir, name, script);
  log(
    `${service.folder}: created ${path.relative(process.cwd(), path.join(service.migrationsDir, folder, 'migration.sql'))}`,
  );
  log(script.trim().replace(/^/gm, '  '));
}

export async function check(services, { log }) {
  const drifted = [];
  for (const service of services) {
    const script = await pendingDiff(service);
    if (!script.trim()) {
      log(`${service.folder}: ok`);
      continue;
    }
    drifted.push(service.folder);
    log(`${service.folder}: schema.prisma differs from its migrations; missing migration:`);
    log(script.trim().replace(/^/gm, '  '));
  }
  if (drifted.length > 0) {
    throw new DbToolError(
      `schema changed without a migration in: ${drifted.join(', ')} (run \`pnpm db new <folder> --name <what_changed>\`)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------- status

export async function status(services, { log }) {
  for (const service of services) {
    const { url, schema } = resolveServiceDatabase(service);
    const local = migrationNames(service.migrationsDir);
    let client;
    try {
      client = await connect(url);
    } catch (err) {
      if (err.pgCode === '3D000') {
        log(
          `${service.folder}: database missing, ${plural(local.length, 'migration')} pending; ${where(url, schema)}`,
        );
        continue;
      }
      throw err;
    }
    let rows = [];
    try {
      ({ rows } = await client.query(
        `SELECT migration_name, finished_at, rolled_back_at FROM ${pg.escapeIdentifier(schema)}._prisma_migrations`,
      ));
    } catch (err) {
      if (err.code !== UNDEFINED_TABLE) throw new DbToolError(`${service.folder}: ${err.message}`);
    } finally {
      await client.end();
    }
    const applied = new Set(
      rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    );
    const failed = rows
      .filter((r) => !r.finished_at && !r.rolled_back_at)
      .map((r) => r.migration_name);
    const pending = local.filter((n) => !applied.has(n));
    const unknown = [...applied].filter((n) => !local.includes(n));
    const parts = [`${plural(applied.size, 'applied migration')}`, `${pending.length} pending`];
    if (failed.length) parts.push(`failed: ${failed.join(', ')}`);
    if (unknown.length) parts.push(`not in the migrations folder: ${unknown.join(', ')}`);
    log(`${service.folder}: ${parts.join(', ')}; ${where(url, schema)}`);
    for (const name of pending) log(`  pending ${name}`);
  }
}
