/**
 * Objects with their keys sorted, recursively (PostgreSQL's jsonb does not keep key order), so
 * that equal values print and compare the same.
 */
export function canonical<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => canonical(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out as T;
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A short one-line rendering of a value for the plan. */
export function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(canonical(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
