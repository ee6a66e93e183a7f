import { z } from 'zod';

/**
 * Configuration shared by every app. Each app extends it with its own variables and validates the
 * environment once at start (`loadConfig`); nothing else reads `process.env`.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const BaseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NATS_URL: url(['nats:', 'tls:', 'ws:', 'wss:']).default('nats://127.0.0.1:4222'),
  /** Prefix of every NATS subject and stream, so several environments can share one server. */
  PORTICO_NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'must be lowercase letters, digits and _')
    .default(''),
  CONSUL_HTTP_ADDR: url(['http:', 'https:']).optional(),
  CONSUL_HTTP_TOKEN: z.string().optional(),
  /** How often Consul calls this instance's /health/ready (Go duration, e.g. 10s). */
  CONSUL_CHECK_INTERVAL: z
    .string()
    .regex(/^\d+(ms|s|m)$/, 'must be a duration such as 500ms, 10s or 1m')
    .default('10s'),
  /** Address other services and Consul's check use to reach this instance. */
  SERVICE_ADDRESS: z.string().min(1).default('127.0.0.1'),
  /** Static discovery: `name=host:port|host:port,name2=host:port` (used without Consul). */
  PORTICO_STATIC_SERVICES: z.string().optional(),
  /** When set, an admin API key with exactly this value exists in the default tenant. Secret. */
  PORTICO_BOOTSTRAP_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  TRUST_PROXY: boolean.default(false),
});
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/** Variables of apps that own a schema in PostgreSQL. */
export const DatabaseConfigSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default(
    'postgresql://postgres@127.0.0.1:5432/portico',
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

/** One problem with one variable. */
export interface ConfigProblem {
  name: string;
  problem: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.name} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }

  /** One line per problem: what the operator sees before the process exits with code 1. */
  lines(service: string): string[] {
    return this.problems.map((p) => `[${service}] config error: ${p.name}: ${p.problem}`);
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? '');
  if (issue.code === 'invalid_type' && env[name] === undefined) return 'is required but not set';
  if (issue.code === 'invalid_type') return `must be a ${issue.expected} (got '${env[name]}')`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${(issue.values as unknown[]).join(', ')} (got '${env[name]}')`;
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  // A cross-field rule (e.g. "required in production") can fail on an unset variable.
  return env[name] === undefined ? message : `${message} (got '${env[name]}')`;
}

/**
 * Validates `env` against `schema`; throws ConfigError listing every problem, never just the first.
 * Empty strings count as unset, so `FOO=` falls back to the default.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) cleaned[k] = v === '' ? undefined : v;
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    name: issue.path.map(String).join('.') || '(environment)',
    problem: describeIssue(issue, cleaned),
  }));
  throw new ConfigError(problems);
}

/**
 * The connection string a service uses: `<APP>_DATABASE_URL` when set, else `DATABASE_URL`; the
 * schema is the service's own unless the URL names one (`?schema=`).
 */
export function resolveDatabase(
  service: string,
  defaultSchema: string,
  env: Record<string, string | undefined>,
  fallbackUrl: string,
): { url: string; schema: string } {
  const override = env[`${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
  const raw = override && override.length > 0 ? override : fallbackUrl;
  const parsed = new URL(raw);
  const schema = parsed.searchParams.get('schema') ?? defaultSchema;
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}
