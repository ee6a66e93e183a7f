// The services that own a PostgreSQL schema, and where their Prisma files live.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbToolError } from './errors.mjs';

export const WORKSPACE_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

/** folder under prisma/ → owning app and its default PostgreSQL schema. */
export const SERVICES = Object.freeze([
  { folder: 'registry', app: 'registry', schema: 'registry' },
  { folder: 'consumers', app: 'consumer-management', schema: 'consumers' },
  { folder: 'analytics', app: 'analytics', schema: 'analytics' },
  { folder: 'webhooks', app: 'webhook-dispatcher', schema: 'webhooks' },
  { folder: 'connectors', app: 'integration-connectors', schema: 'connectors' },
]);

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/portico';

/**
 * Picks the services named on the command line (all when none); `prismaDir` lets tests work on a
 * copy of prisma/ instead of the real one.
 */
export function selectServices(names, prismaDir = path.join(WORKSPACE_ROOT, 'prisma')) {
  const unknown = names.filter((n) => !SERVICES.some((s) => s.folder === n));
  if (unknown.length > 0) {
    throw new DbToolError(
      `unknown service folder ${unknown.map((n) => `'${n}'`).join(', ')} (expected one of ${SERVICES.map((s) => s.folder).join(', ')})`,
    );
  }
  const chosen = names.length > 0 ? SERVICES.filter((s) => names.includes(s.folder)) : SERVICES;
  return chosen.map((s) => {
    const dir = path.join(prismaDir, s.folder);
    return {
      ...s,
      dir,
      schemaFile: path.join(dir, 'schema.prisma'),
      migrationsDir: path.join(dir, 'migrations'),
      configFile: path.join(dir, 'prisma.config.ts'),
    };
  });
}

export function readSchema(service) {
  try {
    return readFileSync(service.schemaFile, 'utf8');
  } catch {
    throw new DbToolError(
      `${service.folder}: cannot read ${path.relative(process.cwd(), service.schemaFile)}`,
    );
  }
}

/** `registry` → `REGISTRY_DATABASE_URL`, `consumer-management` → `CONSUMER_MANAGEMENT_DATABASE_URL`. */
export function databaseUrlVariable(app) {
  return `${app.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}

/**
 * Where a service's tables live, resolved exactly as the apps do: `<APP>_DATABASE_URL` when set,
 * else `DATABASE_URL` (default postgresql://postgres@127.0.0.1:5432/portico); the schema is the
 * service's own unless the URL names one with `?schema=`. The returned `url` has no `schema` param.
 */
export function resolveServiceDatabase(service, env = process.env) {
  const variable = databaseUrlVariable(service.app);
  const override = env[variable];
  const fromOverride = typeof override === 'string' && override.length > 0;
  const raw = fromOverride ? override : env.DATABASE_URL || DEFAULT_DATABASE_URL;
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw new DbToolError(`${fromOverride ? variable : 'DATABASE_URL'} is not a valid URL`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DbToolError(
      `${fromOverride ? variable : 'DATABASE_URL'} must be a postgresql:// URL (got ${redact(raw)})`,
    );
  }
  const schema = parsed.searchParams.get('schema') || service.schema;
  parsed.searchParams.delete('schema');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new DbToolError(`invalid schema name '${schema}'`);
  return { url: parsed.toString(), schema };
}

/** The URL without its password, for messages. */
export function redact(url) {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
