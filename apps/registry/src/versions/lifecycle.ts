import {
  PorticoError,
  VERSION_TRANSITIONS,
  type ApiVersionStatus,
  type ErrorDetail,
} from '@portico/contracts';

/** Throws 409 CONFLICT naming the allowed next states unless `from → to` is a lifecycle step. */
export function assertTransition(version: string, from: ApiVersionStatus, to: ApiVersionStatus) {
  const allowed = VERSION_TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const next = allowed.length > 0 ? allowed.join(', ') : 'none (retired is final)';
  throw PorticoError.conflict(
    `Version ${version} is ${from}; it cannot become ${to}. Allowed next states: ${next}.`,
    [{ field: 'status', message: `${from} → ${to} is not allowed`, current: from, allowed }],
  );
}

/** Retired versions are frozen: the gateway answers 410 for them and nothing about them changes. */
export function assertEditable(version: string, status: ApiVersionStatus): void {
  if (status === 'retired') {
    throw PorticoError.conflict(`Version ${version} is retired; it can no longer change.`, [
      { field: 'status', message: 'retired versions are read-only', current: status },
    ]);
  }
}

/** What must hold before a version goes live. */
export function publishProblems(v: { routeCount: number }): ErrorDetail[] {
  return v.routeCount === 0
    ? [{ field: 'routes', message: 'a version needs at least one route' }]
    : [];
}

/** `sunsetAt` must lie in the future at the time of deprecation. */
export function sunsetProblem(sunsetAt: Date, now: Date): ErrorDetail | null {
  return sunsetAt.getTime() > now.getTime()
    ? null
    : { field: 'sunsetAt', message: 'must be in the future', code: 'too_small' };
}
