import { PorticoError, type Principal } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import type { Loaders } from './loaders';

/** What every resolver gets: the caller (null when no credential was sent) and its loaders. */
export interface GraphContext {
  req: FastifyRequest;
  principal: Principal | null;
  loaders: Loaders;
  /** RateLimit-* headers for the response (HTTP only). */
  rateLimitHeaders?: Record<string, string>;
}

/** Every operation but sign-up needs a caller. */
export function callerOf(ctx: GraphContext): Principal {
  if (!ctx.principal) {
    throw PorticoError.unauthorized('Send an API key in the X-API-Key header (or a Bearer token).');
  }
  return ctx.principal;
}
