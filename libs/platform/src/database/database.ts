import { PrismaPg } from '@prisma/adapter-pg';

/** What the platform needs of a service's generated Prisma client; every Prisma 7 client has it. */
export interface PrismaLike {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface DatabaseDefinition<C extends PrismaLike = PrismaLike> {
  /** The service's own PostgreSQL schema (e.g. `registry`). */
  schema: string;
  /** Builds the service's generated client on the adapter the platform configured. */
  createClient: (adapter: PrismaPg) => C;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The driver adapter for one service: Prisma qualifies its own queries with `schema`, and the
 * connection's search_path makes raw SQL (the outbox) land in the same schema.
 */
export function createPrismaAdapter(opts: {
  url: string;
  schema: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  onError?: (err: Error) => void;
}): PrismaPg {
  if (!SCHEMA_NAME.test(opts.schema)) throw new Error(`Invalid schema name '${opts.schema}'`);
  return new PrismaPg(
    {
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3_000,
      options: `-c search_path=${opts.schema}`,
    },
    {
      schema: opts.schema,
      ...(opts.onError ? { onPoolError: opts.onError, onConnectionError: opts.onError } : {}),
    },
  );
}
