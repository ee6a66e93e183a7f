import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PorticoError, type Principal, type Role } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { MessagingService } from '../messaging/messaging.service';
import { LOGGER } from '../tokens';
import { PUBLIC_ROUTE, ROUTE_ROLES } from './auth.decorators';
import {
  BootstrapKey,
  CREDENTIAL_VERIFIER,
  CredentialCache,
  type CredentialVerifier,
  unauthorized,
} from './credential-verifier';

export const BOOTSTRAP_KEY = Symbol.for('portico:bootstrap-key');

const DEFAULT_ROLES: Role[] = ['admin', 'user', 'system'];

/** Extracts the presented credential: X-API-Key, or `Authorization: Bearer <api key>`. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const header = req.headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey) return apiKey.trim();
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return undefined;
}

/**
 * Every route is authenticated unless marked @Public(); @Roles() narrows who may call it (default:
 * admin, user, system). Unknown or revoked credentials are 401 with WWW-Authenticate; a known
 * caller without the role is 403.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  private readonly cache = new CredentialCache();

  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_VERIFIER) private readonly verifier: CredentialVerifier,
    @Inject(BOOTSTRAP_KEY) private readonly bootstrap: BootstrapKey,
    private readonly messaging: MessagingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // Revocations, rotations and suspensions must take effect now, not when a TTL runs out.
    this.messaging.onConnected((m) => {
      m.subscribeEvents('consumer.>', () => this.cache.clear());
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROUTE_ROLES, targets) ?? DEFAULT_ROLES;
    const req = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = await this.authenticate(req);
    req.principal = principal;
    if (!roles.includes(principal.role)) {
      throw PorticoError.forbidden(`This operation needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(req: FastifyRequest): Promise<Principal> {
    const key = presentedKey(req);
    if (!key) throw unauthorized('Send an API key in the X-API-Key header.');
    if (this.bootstrap.matches(key)) return BootstrapKey.principal();
    const request = { type: 'apiKey' as const, key, clientIp: req.ip };
    const cacheKey = CredentialCache.keyOf(request);
    let reply = this.cache.get(cacheKey);
    if (!reply) {
      reply = await this.verifier.verify(request);
      this.cache.set(cacheKey, reply);
    }
    if (!reply.valid) {
      this.logger.debug({ reason: reply.reason }, 'credential rejected');
      throw unauthorized('The API key is not valid.');
    }
    return reply.principal;
  }
}
