import { eventSubject, type CloudEvent } from '@portico/contracts';

/**
 * The transactional outbox: services insert events in the same transaction as the state change,
 * and the OutboxRelay publishes them afterwards. The table lives in every service schema (the
 * Prisma helper creates it); names are unqualified because the connection's search_path selects
 * the schema.
 */
export const OUTBOX_TABLE = 'outbox_events';

/** What we need from a database client or a transaction; Prisma's raw methods fit. */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A client that can open a transaction; a Prisma 7 client satisfies this. */
export interface SqlDatabase extends SqlExecutor {
  $transaction<R>(fn: (tx: SqlExecutor) => Promise<R>): Promise<R>;
}

const INSERT_SQL = `INSERT INTO ${OUTBOX_TABLE} (id, type, subject, tenant_id, payload)
VALUES ($1, $2, $3, $4, CAST($5 AS jsonb))`;

/** Records an event in the caller's transaction; it is published only if that transaction commits. */
export async function writeOutboxEvent(tx: SqlExecutor, event: CloudEvent): Promise<void> {
  await tx.$executeRawUnsafe(
    INSERT_SQL,
    event.id,
    event.type,
    eventSubject(event.type),
    event.tenantid,
    JSON.stringify(event),
  );
}
