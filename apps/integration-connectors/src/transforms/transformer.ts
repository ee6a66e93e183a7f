import type { Transform } from '@portico/contracts';
import { DateTime } from 'luxon';
import { compileExpression, type Expression } from '../expressions/expression';
import { SyncError } from '../http/errors';
import { deletePath, getPath, setPath } from '../http/json-path';

type Rec = Record<string, unknown>;
type Step = (r: Rec) => Rec | Promise<Rec>;

/**
 * A stream's transforms, compiled once per run and applied in order to each record: rename/map,
 * drop, flatten, dates to ISO-8601 UTC, type coercion, constants and JSONata-computed fields.
 */
export class RecordTransformer {
  private readonly steps: Step[];
  private readonly async: boolean;

  constructor(transforms: readonly Transform[], where = 'transforms') {
    this.steps = transforms.map((t, i) => compileStep(t, `${where}[${i}]`));
    this.async = transforms.some((t) => t.type === 'compute');
  }

  async apply(raw: unknown): Promise<Rec> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new SyncError(
        'response',
        `A record is not a JSON object: ${JSON.stringify(raw)?.slice(0, 100)}`,
      );
    }
    let rec = raw as Rec;
    if (!this.async) {
      for (const step of this.steps) rec = step(rec) as Rec;
      return rec;
    }
    for (const step of this.steps) rec = await step(rec);
    return rec;
  }
}

function compileStep(t: Transform, where: string): Step {
  switch (t.type) {
    case 'flatten':
      return (r) => flatten(r, t.separator, t.maxDepth);
    case 'rename': {
      const pairs = Object.entries(t.fields);
      return (r) => {
        const values = pairs.map(([from]) => deletePath(r, from));
        pairs.forEach(([, to], i) => {
          if (values[i] !== undefined) r[to] = values[i];
        });
        return r;
      };
    }
    case 'map':
      return (r) => {
        const v = getPath(r, t.field);
        const key =
          v === null || v === undefined
            ? String(v)
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v);
        if (Object.prototype.hasOwnProperty.call(t.values, key)) setPath(r, t.field, t.values[key]);
        else if (t.default !== undefined) setPath(r, t.field, t.default);
        return r;
      };
    case 'drop':
      return (r) => {
        for (const f of t.fields) deletePath(r, f);
        return r;
      };
    case 'date':
      return (r) => {
        for (const f of t.fields) {
          const v = getPath(r, f);
          if (v !== undefined && v !== null && v !== '')
            setPath(r, f, toIsoUtc(v, t.from, t.format, f));
        }
        return r;
      };
    case 'coerce': {
      const pairs = Object.entries(t.fields);
      return (r) => {
        for (const [f, type] of pairs) {
          const v = getPath(r, f);
          if (v === undefined || v === null) continue;
          const c = coerce(v, type);
          if (c === undefined && t.onError === 'fail') {
            throw new SyncError(
              'transform',
              `Field '${f}': cannot coerce ${JSON.stringify(v)} to ${type}`,
            );
          }
          setPath(r, f, c ?? null);
        }
        return r;
      };
    }
    case 'constant':
      return (r) => {
        r[t.field] = t.value;
        return r;
      };
    case 'compute': {
      const expr: Expression = compileExpression(t.expression, `${where}.expression`);
      return async (r) => {
        const v = await expr.evaluate(r);
        r[t.field] = v === undefined ? null : v;
        return r;
      };
    }
  }
}

function flatten(
  r: Rec,
  sep: string,
  maxDepth: number,
  prefix = '',
  depth = 1,
  out: Rec = {},
): Rec {
  for (const [k, v] of Object.entries(r)) {
    const key = prefix ? `${prefix}${sep}${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < maxDepth + 1) {
      flatten(v as Rec, sep, maxDepth, key, depth + 1, out);
    } else {
      out[key] = v;
    }
  }
  return out;
}

/** Converts to a string, number, integer or boolean; undefined when it cannot. */
export function coerce(v: unknown, type: 'string' | 'integer' | 'number' | 'boolean'): unknown {
  switch (type) {
    case 'string':
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'number': {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'integer': {
      const n = coerce(v, 'number');
      return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (['true', 't', 'yes', 'y', '1'].includes(s)) return true;
        if (['false', 'f', 'no', 'n', '0'].includes(s)) return false;
      }
      return undefined;
  }
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 in UTC with milliseconds (`2024-05-01T10:00:00.000Z`). */
export function toIsoUtc(
  v: unknown,
  from: string,
  format: string | undefined,
  field: string,
): string {
  // The common case, kept off Luxon's slower general parser: ISO-8601 with an explicit zone.
  if (typeof v === 'string' && (from === 'auto' || from === 'iso8601') && ISO_WITH_ZONE.test(v)) {
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  let dt: DateTime | null = null;
  if (
    typeof v === 'number' &&
    (from === 'auto' || from === 'unixSeconds' || from === 'unixMillis')
  ) {
    const ms = from === 'unixMillis' || (from === 'auto' && Math.abs(v) >= 1e11) ? v : v * 1000;
    dt = DateTime.fromMillis(ms, { zone: 'utc' });
  } else if (typeof v === 'string') {
    if (from === 'format' && format) dt = DateTime.fromFormat(v, format, { zone: 'utc' });
    else if (from === 'unixSeconds' || from === 'unixMillis') {
      const n = Number(v);
      if (Number.isFinite(n))
        dt = DateTime.fromMillis(from === 'unixMillis' ? n : n * 1000, { zone: 'utc' });
    } else {
      // Strings without an offset are read as UTC.
      dt = DateTime.fromISO(v, { zone: 'utc' });
      if (!dt.isValid && from === 'auto') dt = DateTime.fromRFC2822(v, { zone: 'utc' });
      if (!dt.isValid && from === 'auto') dt = DateTime.fromHTTP(v, { zone: 'utc' });
      if (!dt.isValid && from === 'auto') dt = DateTime.fromSQL(v, { zone: 'utc' });
    }
  }
  if (!dt || !dt.isValid) {
    throw new SyncError(
      'transform',
      `Field '${field}': ${JSON.stringify(v)} is not a date (${from})`,
    );
  }
  return dt.toUTC().toISO()!;
}
