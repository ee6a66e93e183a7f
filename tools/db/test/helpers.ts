import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'tools/db/cli.mjs');
export const SERVER_URL =
  process.env['DATABASE_URL'] || 'postgresql://postgres@127.0.0.1:5432/postgres';
export const FOLDERS = ['registry', 'consumers', 'analytics', 'webhooks', 'connectors'] as const;
const SERVICE_URL_VARIABLES = [
  'REGISTRY_DATABASE_URL',
  'CONSUMER_MANAGEMENT_DATABASE_URL',
  'ANALYTICS_DATABASE_URL',
  'WEBHOOK_DISPATCHER_DATABASE_URL',
  'INTEGRATION_CONNECTORS_DATABASE_URL',
];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node tools/db/cli.mjs ...args` with a clean database environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVICE_URL_VARIABLES) delete childEnv[name];
  Object.assign(childEnv, env);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: childEnv },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  u.search = '';
  return u.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function query<T extends object>(
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

export async function dropDatabase(database: string): Promise<void> {
  await query(
    withDatabase(SERVER_URL, 'postgres'),
    `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
  );
}

/** A copy of prisma/<folder> (schema and migrations) in a temp dir; never touch the real one. */
export function copyPrisma(folders: readonly string[] = FOLDERS): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portico-db-'));
  for (const folder of folders) {
    cpSync(path.join(ROOT, 'prisma', folder), path.join(dir, folder), { recursive: true });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Columns, constraints and indexes of one schema, with the schema name taken out. */
export async function describeSchema(databaseUrl: string, schema: string): Promise<unknown> {
  const columns = await query(
    databaseUrl,
    `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  const constraints = await query<{ tbl: string; conname: string; def: string }>(
    databaseUrl,
    `SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = $1 ORDER BY 1, 2`,
    [schema],
  );
  const indexes = await query<{ indexdef: string }>(
    databaseUrl,
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1, 2`,
    [schema],
  );
  const strip = (s: string) => s.split(`"${schema}".`).join('').split(`${schema}.`).join('');
  return {
    columns,
    constraints: constraints.map((c) => ({ ...c, tbl: strip(c.tbl), def: strip(c.def) })),
    indexes: indexes.map((i) => ({ ...i, indexdef: strip(i.indexdef) })),
  };
}
