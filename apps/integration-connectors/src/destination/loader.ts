import type { FieldDef, FieldType, LoadMode } from '@portico/contracts';
import type { PoolClient } from 'pg';
import { SyncError } from '../http/errors';
import { coerce, toIsoUtc } from '../transforms/transformer';
import { PG_TYPES, q, qualified, SYNCED_AT } from './destination';

/**
 * Writes a batch with one statement whatever its size: one array parameter per column, expanded by
 * unnest() (no parameter-count limit, one round trip). Upserts use INSERT ... ON CONFLICT on the
 * primary key; rows repeating a key within the batch keep the last one (Postgres refuses to update
 * a row twice in one statement).
 */
export class BatchLoader {
  private readonly sql: string;
  private readonly pkIndexes: number[];

  constructor(
    schema: string,
    table: string,
    private readonly fields: readonly FieldDef[],
    private readonly primaryKey: readonly string[],
    private readonly mode: LoadMode,
  ) {
    const cols = fields.map((f) => q(f.name)).join(', ');
    const params = fields.map((f, i) => `$${i + 1}::${PG_TYPES[f.type]}[]`).join(', ');
    let sql = `INSERT INTO ${qualified(schema, table)} (${cols}) SELECT * FROM unnest(${params})`;
    if (mode === 'upsert') {
      const pk = new Set(primaryKey);
      const updates = fields
        .filter((f) => !pk.has(f.name))
        .map((f) => `${q(f.name)} = EXCLUDED.${q(f.name)}`);
      updates.push(`${q(SYNCED_AT)} = now()`);
      sql += ` ON CONFLICT (${primaryKey.map(q).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    }
    this.sql = sql;
    this.pkIndexes = primaryKey.map((k) => fields.findIndex((f) => f.name === k));
  }

  /** A record (after transforms) as the row's column values, converted to the declared types. */
  toRow(rec: Record<string, unknown>): unknown[] {
    return this.fields.map((f) => columnValue(rec[f.name], f, this.primaryKey.includes(f.name)));
  }

  /** Inserts the rows; returns how many were written. */
  async write(db: Pick<PoolClient, 'query'>, rows: unknown[][]): Promise<number> {
    if (rows.length === 0) return 0;
    let batch = rows;
    if (this.mode === 'upsert') {
      const byKey = new Map<string, unknown[]>();
      for (const row of rows) byKey.set(JSON.stringify(this.pkIndexes.map((i) => row[i])), row);
      batch = [...byKey.values()];
    }
    const columns = this.fields.map((_, i) => batch.map((row) => row[i]));
    const res = await db.query(this.sql, columns);
    return res.rowCount ?? batch.length;
  }
}

function columnValue(v: unknown, f: FieldDef, inKey: boolean): unknown {
  if (v === undefined || v === null) {
    if (inKey || !f.nullable) {
      throw new SyncError(
        'transform',
        `Field '${f.name}' is ${inKey ? 'part of the primary key' : 'declared not nullable'} but missing`,
      );
    }
    return null;
  }
  const out = convert(v, f.type, f.name);
  if (out === undefined) {
    throw new SyncError(
      'transform',
      `Field '${f.name}': ${JSON.stringify(v)?.slice(0, 100)} is not a valid ${f.type}`,
    );
  }
  return out;
}

/** What the date transform produces: no need to parse it again. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function convert(v: unknown, type: FieldType, name: string): unknown {
  switch (type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return coerce(v, type);
    case 'timestamp':
      return typeof v === 'string' && CANONICAL_UTC.test(v)
        ? v
        : toIsoUtc(v, 'auto', undefined, name);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? v
        : toIsoUtc(v, 'auto', undefined, name).slice(0, 10);
    case 'json':
      return JSON.stringify(v);
  }
}
