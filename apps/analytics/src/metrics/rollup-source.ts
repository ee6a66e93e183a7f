import type { Level } from '../shared/time';

export interface SourceFilter {
  tenantId: string | null;
  apiIds?: string[] | undefined;
  consumerId?: string | undefined;
  routeId?: string | undefined;
}

/**
 * SQL for "every rollup row of [from, to)" at `level`, read from the coarsest level that has each
 * bucket sealed and from the finer ones for the rest, as one statement (one snapshot, so a seal
 * committing meanwhile never counts a bucket twice or not at all).
 * Parameters (sourceParams): $1 tenant (NULL = all), $2 from, $3 to, $4 api ids (NULL = all),
 * $5 consumer, and for rollups $6 route.
 */
export function rollupSource(kind: SourceKind, level: Level, columns: string): string {
  const where = (table: string, lower: string, upper: string) =>
    `SELECT ${columns} FROM ${kind}_${table} r, s
     WHERE ($1::text IS NULL OR r.tenant_id = $1) AND r.bucket >= ${lower} AND r.bucket < ${upper}
       ${kind === 'tenant_rollup' ? '' : 'AND ($4::text[] IS NULL OR r.api_id = ANY($4)) AND ($5::text IS NULL OR r.consumer_id = $5)'}
       ${kind === 'rollup' ? 'AND ($6::text IS NULL OR r.route_id = $6)' : ''}`;
  const parts: string[] = [];
  if (level === 'day') parts.push(where('day', '$2', 'LEAST($3, s.day)'));
  if (level !== 'minute') {
    const lower = level === 'day' ? 'GREATEST($2, s.day)' : '$2';
    parts.push(where('hour', lower, 'LEAST($3, s.hour)'));
  }
  parts.push(where('minute', level === 'minute' ? '$2' : 'GREATEST($2, s.hour)', '$3'));
  return `WITH s AS (SELECT max(sealed_until) FILTER (WHERE level = 'hour') AS hour,
                          max(sealed_until) FILTER (WHERE level = 'day') AS day FROM rollup_state),
  src AS (${parts.join('\n  UNION ALL\n  ')})`;
}

/** `tenant_rollup` has no key columns: only for a filter with nothing but the tenant (isWholeTenant). */
export type SourceKind = 'rollup' | 'error' | 'tenant_rollup';

export function isWholeTenant(f: SourceFilter): boolean {
  return f.apiIds === undefined && f.consumerId === undefined && f.routeId === undefined;
}

export function sourceParams(
  kind: SourceKind,
  f: SourceFilter,
  from: number,
  to: number,
): unknown[] {
  const params = [
    f.tenantId,
    new Date(from).toISOString(),
    new Date(to).toISOString(),
    f.apiIds ?? null,
    f.consumerId ?? null,
    f.routeId ?? null,
  ];
  return kind === 'rollup' ? params : params.slice(0, kind === 'error' ? 5 : 3);
}
