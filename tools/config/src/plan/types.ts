import type { ManagementClient } from '../client';
import { sameValue } from '../canonical';
import type { LiveIds } from '../state';

/** Ids known while applying: the live ones, plus those of entities created along the way. */
export interface ApplyContext {
  client: ManagementClient;
  ids: LiveIds;
}

/**
 * When each step runs: entities before what references them, lifecycle moves after every version
 * exists (a successor must be published before its predecessor is deprecated), deletions last.
 */
export enum Phase {
  Api = 1,
  Version = 2,
  Publish = 3,
  Deprecate = 4,
  Retire = 5,
  Plan = 6,
  Consumer = 7,
  Webhook = 8,
  DeleteWebhook = 9,
  DeletePlan = 10,
  DeleteRoute = 11,
  DeleteVersion = 12,
  DeleteApi = 13,
}

export interface Step {
  phase: Phase;
  run(ctx: ApplyContext): Promise<unknown>;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface Change {
  op: '+' | '~' | '-';
  /** e.g. `api cameras`, `route cameras v1 GET /cameras/{id}`. */
  what: string;
  /** A short note after the name: `(published, 3 routes)`. */
  note?: string;
  fields: FieldChange[];
  steps: Step[];
}

export interface Plan {
  changes: Change[];
  /** Differences the APIs cannot make (e.g. un-deprecating a version): nothing is applied. */
  problems: string[];
  /** Things left alone, said so (e.g. live versions of an API that --prune would remove). */
  warnings: string[];
}

/** The fields of `desired` that differ from `live` (fields `desired` leaves undefined are kept). */
export function changedFields<T extends object>(
  desired: T,
  live: T,
  fields: ReadonlyArray<keyof T & string>,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const to = desired[field];
    if (to === undefined) continue;
    const from = live[field];
    if (!sameValue(from, to)) out.push({ field, from, to });
  }
  return out;
}

/** `{ field: to, ... }` of the changes, with values mapped for the request body where needed. */
export function bodyOf(
  fields: FieldChange[],
  map: Record<string, (v: unknown) => unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) body[f.field] = map[f.field] ? map[f.field](f.to) : f.to;
  return body;
}

export function enc(s: string): string {
  return encodeURIComponent(s);
}

export function need<K, V>(map: Map<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`internal: no id for ${what}`);
  return v;
}
