/** Reads a dotted path (`data.items`, `meta.next`); '' is the value itself. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Removes a dotted path; returns the removed value. */
export function deletePath(obj: Record<string, unknown>, path: string): unknown {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.length === 0 ? obj : getPath(obj, keys.join('.'));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const p = parent as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(p, last)) return undefined;
  const v = p[last];
  delete p[last];
  return v;
}

/** Sets a dotted path, creating objects on the way (never through __proto__ and friends). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const [i, key] of keys.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (i === keys.length - 1) {
      cur[key] = value;
      return;
    }
    const next = cur[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
}
