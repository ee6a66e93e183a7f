/** The pg pool runs use to load destination tables and save state in the same transactions. */
export const LOAD_POOL = Symbol.for('portico:connectors:load-pool');
/** The service's own PostgreSQL schema (never a destination). */
export const SERVICE_SCHEMA = Symbol.for('portico:connectors:service-schema');
