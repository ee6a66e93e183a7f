import pg from 'pg';
import { DAY_MS, type Level } from '../shared/time';

export type Granularity = 'day' | 'month' | 'year';

/** Which retention a partitioned table follows. */
export type RetentionClass = 'raw' | Level;

export interface PartitionedTable {
  name: string;
  granularity: Granularity;
  retention: RetentionClass;
}

/** Every time-partitioned table and how it is cut: finer data, shorter partitions. */
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  { name: 'raw_events', granularity: 'day', retention: 'raw' },
  { name: 'rollup_minute', granularity: 'day', retention: 'minute' },
  { name: 'error_minute', granularity: 'day', retention: 'minute' },
  { name: 'tenant_rollup_minute', granularity: 'day', retention: 'minute' },
  { name: 'rollup_hour', granularity: 'month', retention: 'hour' },
  { name: 'error_hour', granularity: 'month', retention: 'hour' },
  { name: 'tenant_rollup_hour', granularity: 'month', retention: 'hour' },
  { name: 'rollup_day', granularity: 'year', retention: 'day' },
  { name: 'error_day', granularity: 'year', retention: 'day' },
  { name: 'tenant_rollup_day', granularity: 'year', retention: 'day' },
];

export interface PartitionRange {
  /** e.g. `raw_events_p20261123`, `rollup_hour_p202611`, `rollup_day_p2026`. */
  name: string;
  from: number;
  to: number;
}

/** The partition of `table` holding instant `ms`. */
export function partitionFor(table: PartitionedTable, ms: number): PartitionRange {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (table.granularity) {
    case 'day': {
      const from = Date.UTC(y, m, d.getUTCDate());
      return {
        name: `${table.name}_p${y}${pad(m + 1)}${pad(d.getUTCDate())}`,
        from,
        to: from + DAY_MS,
      };
    }
    case 'month':
      return {
        name: `${table.name}_p${y}${pad(m + 1)}`,
        from: Date.UTC(y, m, 1),
        to: Date.UTC(y, m + 1, 1),
      };
    case 'year':
      return { name: `${table.name}_p${y}`, from: Date.UTC(y, 0, 1), to: Date.UTC(y + 1, 0, 1) };
  }
}

/** The partitions covering [fromMs, toMs]. */
export function partitionsBetween(
  table: PartitionedTable,
  fromMs: number,
  toMs: number,
): PartitionRange[] {
  const out: PartitionRange[] = [];
  for (let p = partitionFor(table, fromMs); p.from <= toMs; p = partitionFor(table, p.to))
    out.push(p);
  return out;
}

/** Parses the bounds back from a partition's name (we name every partition we create). */
export function parsePartitionName(table: PartitionedTable, name: string): PartitionRange | null {
  const m = new RegExp(`^${table.name}_p(\\d{4})(\\d{2})?(\\d{2})?$`).exec(name);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) - 1 : 0;
  const day = m[3] ? Number(m[3]) : 1;
  const p = partitionFor(table, Date.UTC(y, mo, day));
  return p.name === name ? p : null;
}

type Queryable = Pick<pg.ClientBase, 'query'> | Pick<pg.Pool, 'query'>;

const DUPLICATE_TABLE = '42P07';
const UNIQUE_VIOLATION = '23505';

/** Creates the partition when missing; another instance creating it at the same time is fine. */
export async function createPartition(
  db: Queryable,
  table: PartitionedTable,
  p: PartitionRange,
): Promise<boolean> {
  const sql = `CREATE TABLE IF NOT EXISTS ${pg.escapeIdentifier(p.name)} PARTITION OF ${pg.escapeIdentifier(
    table.name,
  )} FOR VALUES FROM ('${new Date(p.from).toISOString()}') TO ('${new Date(p.to).toISOString()}')`;
  try {
    await db.query(sql);
    return true;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === DUPLICATE_TABLE || code === UNIQUE_VIOLATION) return false;
    throw err;
  }
}

/** The partitions of `table` that exist, oldest first. */
export async function listPartitions(
  db: Queryable,
  table: PartitionedTable,
): Promise<PartitionRange[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = CAST($1 AS regclass)`,
    [table.name],
  );
  return rows
    .map((r) => parsePartitionName(table, r.name))
    .filter((p): p is PartitionRange => p !== null)
    .sort((a, b) => a.from - b.from);
}

/** Drops every partition that ends at or before `cutoffMs`: retention without row deletes. */
export async function dropPartitionsBefore(
  db: Queryable,
  table: PartitionedTable,
  cutoffMs: number,
): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await listPartitions(db, table)) {
    if (p.to > cutoffMs) break;
    await db.query(`DROP TABLE IF EXISTS ${pg.escapeIdentifier(p.name)}`);
    dropped.push(p.name);
  }
  return dropped;
}
