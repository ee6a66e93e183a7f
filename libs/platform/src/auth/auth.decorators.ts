import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, Role } from '@portico/contracts';

export const PUBLIC_ROUTE = 'portico:public';
export const ROUTE_ROLES = 'portico:roles';

/** No credential needed (health, docs, sign-up, OAuth token endpoint). */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-portico-public', true));

/** A credential of one of these roles is needed; other authenticated callers get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** Read-only access: everyone authenticated, auditors included. */
export const AnyRole = () =>
  SetMetadata(ROUTE_ROLES, ['admin', 'user', 'system', 'auditor', 'consumer']);

/** The authenticated caller of this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!req.principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return req.principal;
  },
);
