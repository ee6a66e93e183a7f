import { Inject } from '@nestjs/common';

export const CONFIG = Symbol.for('portico:config');
export const LOGGER = Symbol.for('portico:logger');
export const DATABASE = Symbol.for('portico:database');
export const DATABASE_CONNECTION = Symbol.for('portico:database-connection');
export const DISCOVERY = Symbol.for('portico:discovery');
export const SERVICE_INFO = Symbol.for('portico:service-info');

/** The app's validated configuration (type it with the app's own config type). */
export const InjectConfig = () => Inject(CONFIG);
/** The app's pino logger. */
export const InjectLogger = () => Inject(LOGGER);
/** The service's Prisma client (type it with the app's generated client). */
export const InjectDatabase = () => Inject(DATABASE);
/**
 * The resolved connection of the service's database, `{ url, schema }` (DatabaseConnection), for
 * work Prisma cannot do (COPY, a dedicated pool): connect with `search_path` set to `schema`.
 */
export const InjectDatabaseConnection = () => Inject(DATABASE_CONNECTION);
/** Service discovery (Consul or static). */
export const InjectDiscovery = () => Inject(DISCOVERY);

export interface ServiceInfo {
  name: string;
  version: string;
  startedAt: Date;
}

export interface DatabaseConnection {
  /** Server and database, without `?schema=`. */
  url: string;
  /** The service's PostgreSQL schema. */
  schema: string;
}
