import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  200: 'OK (success envelope)',
  201: 'Created (success envelope)',
  202: 'Accepted: the run is queued (success envelope)',
  204: 'Deleted',
  400: 'VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable',
  401: 'UNAUTHORIZED: no or unknown API key',
  403: 'FORBIDDEN: the role may not do this',
  404: "NOT_FOUND: no such entity in the caller's tenant",
  409: 'CONFLICT: a run is in progress, a name is taken, or the entity is in use',
};

/** Documents the statuses a route answers with (error bodies use the standard error envelope). */
export const ApiStatuses = (...statuses: number[]) =>
  applyDecorators(
    ...[...statuses, 401, 403].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? String(status) }),
    ),
  );
