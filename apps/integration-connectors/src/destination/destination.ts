import type { FieldDef, FieldType, LoadMode } from '@portico/contracts';
import { escapeIdentifier, type PoolClient } from 'pg';

/** Column added to every destination table: when the row was last written by a run. */
export const SYNCED_AT = '_portico_synced_at';

export const PG_TYPES: Record<FieldType, string> = {
  string: 'text',
  integer: 'bigint',
  number: 'double precision',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
  json: 'jsonb',
};

/** information_schema.data_type values an existing column may have for each declared type. */
const COMPATIBLE: Record<FieldType, string[]> = {
  string: ['text', 'character varying'],
  integer: ['bigint', 'integer', 'smallint', 'numeric'],
  number: ['double precision', 'numeric', 'real'],
  boolean: ['boolean'],
  timestamp: ['timestamp with time zone'],
  date: ['date'],
  json: ['jsonb', 'json'],
};

export const q = escapeIdentifier;
export const qualified = (schema: string, table: string) => `${q(schema)}.${q(table)}`;

export interface TableSpec {
  schema: string;
  table: string;
  fields: readonly FieldDef[];
  primaryKey: readonly string[];
  mode: LoadMode;
}

interface ColumnInfo {
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

type Queryable = Pick<PoolClient, 'query'>;

/** Null when the table is missing; otherwise what prevents loading into it (empty = compatible). */
export async function checkTable(db: Queryable, spec: TableSpec): Promise<string[] | null> {
  const { rows } = await db.query<ColumnInfo>(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = $2`,
    [spec.schema, spec.table],
  );
  if (rows.length === 0) return null;
  const problems: string[] = [];
  const columns = new Map(rows.map((r) => [r.column_name, r]));
  for (const f of spec.fields) {
    const col = columns.get(f.name);
    if (!col) problems.push(`column '${f.name}' is missing`);
    else if (!COMPATIBLE[f.type].includes(col.data_type)) {
      problems.push(
        `column '${f.name}' is ${col.data_type}, the stream declares ${f.type} (${PG_TYPES[f.type]})`,
      );
    }
  }
  const declared = new Set([...spec.fields.map((f) => f.name), SYNCED_AT]);
  for (const col of rows) {
    if (!declared.has(col.column_name) && col.is_nullable === 'NO' && col.column_default === null) {
      problems.push(
        `column '${col.column_name}' is NOT NULL without a default and is not a declared field`,
      );
    }
  }
  if (spec.mode === 'upsert' && !(await hasUniqueKey(db, spec))) {
    problems.push(`upsert needs a primary key or unique index on (${spec.primaryKey.join(', ')})`);
  }
  return problems;
}

async function hasUniqueKey(db: Queryable, spec: TableSpec): Promise<boolean> {
  const { rows } = await db.query<{ cols: string[] }>(
    `SELECT array_agg(CAST(a.attname AS text) ORDER BY a.attname) AS cols
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
      WHERE n.nspname = $1 AND c.relname = $2 AND i.indisunique AND i.indpred IS NULL
      GROUP BY i.indexrelid`,
    [spec.schema, spec.table],
  );
  const want = [...spec.primaryKey].sort().join(',');
  return rows.some((r) => [...r.cols].sort().join(',') === want);
}

/** CREATE TABLE from the declared fields (the primary key becomes one, except in append mode). */
export function createTableSql(spec: TableSpec, table = spec.table): string {
  const pk = new Set(spec.primaryKey);
  const cols = spec.fields.map(
    (f) => `${q(f.name)} ${PG_TYPES[f.type]}${pk.has(f.name) || !f.nullable ? ' NOT NULL' : ''}`,
  );
  cols.push(`${q(SYNCED_AT)} timestamptz NOT NULL DEFAULT now()`);
  if (spec.mode !== 'append' && spec.primaryKey.length > 0) {
    cols.push(`PRIMARY KEY (${spec.primaryKey.map(q).join(', ')})`);
  }
  return `CREATE TABLE ${qualified(spec.schema, table)} (\n  ${cols.join(',\n  ')}\n)`;
}

/**
 * Makes sure the table exists and fits the stream: creates the schema and the table from the
 * declared fields on first use, and refuses an existing table that does not fit.
 */
export async function ensureTable(
  db: Queryable,
  spec: TableSpec,
  table = spec.table,
): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${q(spec.schema)}`);
  const problems = await checkTable(db, { ...spec, table });
  if (problems === null) {
    await db.query(createTableSql(spec, table));
    return;
  }
  if (problems.length > 0) throw new IncompatibleTableError(spec.schema, table, problems);
}

export class IncompatibleTableError extends Error {
  constructor(
    schema: string,
    table: string,
    readonly problems: string[],
  ) {
    super(
      `Destination table ${schema}.${table} is incompatible with the stream: ${problems.join('; ')}`,
    );
    this.name = 'IncompatibleTableError';
  }
}

/** Name of the table a replace run fills before it is swapped in (stable per run and stream). */
export function stagingTableName(table: string, runId: string): string {
  return `${table.slice(0, 40)}__stg_${runId.slice(-8).toLowerCase()}`;
}

/** Swaps the staging table in, in the caller's transaction: readers see the old or the new table. */
export async function swapIn(
  db: Queryable,
  schema: string,
  staging: string,
  table: string,
): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${qualified(schema, table)}`);
  await db.query(`ALTER TABLE ${qualified(schema, staging)} RENAME TO ${q(table)}`);
}
