import type { CursorFormat, Incremental } from '@portico/contracts';

/** A cursor value as a number to compare (epoch ms for ISO dates); NaN when unreadable. */
export function cursorValue(v: unknown, format: CursorFormat): number {
  if (v === null || v === undefined || v === '') return NaN;
  if (format === 'iso8601') return typeof v === 'number' ? NaN : Date.parse(String(v));
  return typeof v === 'number' ? v : Number(v);
}

/**
 * Where reading starts: the saved cursor minus the lookback window, or the configured start value.
 * `strict` (records strictly after the bound) when the bound is a saved cursor without lookback, so
 * the last record of the previous run is not read again.
 */
export function lowerBound(
  saved: string | null,
  inc: Incremental,
): { bound: string | number | null; strict: boolean } {
  if (saved === null) return { bound: inc.startValue ?? null, strict: false };
  if (inc.lookbackSeconds === 0) return { bound: saved, strict: true };
  const lb = inc.lookbackSeconds;
  switch (inc.format) {
    case 'iso8601':
      return { bound: new Date(Date.parse(saved) - lb * 1000).toISOString(), strict: false };
    case 'unixMillis':
      return { bound: Number(saved) - lb * 1000, strict: false };
    default:
      return { bound: Number(saved) - lb, strict: false };
  }
}

/** Whether a record's cursor is past the bound (records without a readable cursor are kept). */
export function isAfter(v: number, bound: number, strict: boolean): boolean {
  if (Number.isNaN(v) || Number.isNaN(bound)) return true;
  return strict ? v > bound : v >= bound;
}
