import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type CloudEvent,
  RejectedCredentialSchema,
  RpcSubject,
  type TokenIntrospection,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
  VerifiedCredentialSchema,
  type LoggerLike as Logger,
} from '@portico/contracts';
import { InjectConfig, InjectLogger, MessagingService } from '@portico/platform';
import type { GatewayConfig } from '../config';
import { CredentialCache } from './credential-cache';

type EventData = Record<string, unknown>;

function str(data: EventData, field: string): string | null {
  const v = data[field];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/**
 * The gateway's side of consumer-management: `consumer.credentials.verify` and
 * `consumer.token.introspect` over NATS request-reply, and the `consumer.*` events that make
 * cached answers stale. Owns the credential cache so the two stay in step.
 */
@Injectable()
export class ConsumerCredentials implements OnModuleInit {
  readonly cache: CredentialCache;
  /** Revoked token ids until their tokens expire (a JWT verifies locally, so it must be listed). */
  private readonly revokedJtis = new Map<string, number>();
  private readonly timeoutMs: number;

  constructor(
    private readonly messaging: MessagingService,
    @InjectConfig() config: GatewayConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.cache = new CredentialCache(
      config.GATEWAY_AUTH_CACHE_MAX_ENTRIES,
      config.GATEWAY_AUTH_CACHE_MAX_TTL_SECONDS * 1000,
    );
    this.timeoutMs = config.GATEWAY_AUTH_VERIFY_TIMEOUT_MS;
  }

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      // Whatever changed while we were not listening is unknown: start from empty.
      this.cache.clear();
      await m.subscribeEvents('consumer.>', (e) => this.onEvent(e)).ready;
    });
  }

  /** Consumer-management's answer, validated (a malformed one is treated as unavailable). */
  async verify(req: VerifyCredentialRequest): Promise<VerifyCredentialReply> {
    const raw = await this.messaging
      .get()
      .request<unknown>(RpcSubject.credentialsVerify, req, { timeoutMs: this.timeoutMs });
    const ok = VerifiedCredentialSchema.safeParse(raw);
    if (ok.success) return ok.data;
    const rejected = RejectedCredentialSchema.safeParse(raw);
    if (rejected.success) return rejected.data;
    throw new Error('consumer-management sent a malformed credential answer');
  }

  async introspect(token: string): Promise<TokenIntrospection> {
    const raw = await this.messaging.get().request<TokenIntrospection>(
      RpcSubject.tokenIntrospect,
      { token },
      {
        timeoutMs: this.timeoutMs,
      },
    );
    if (typeof raw !== 'object' || raw === null || typeof raw.active !== 'boolean') {
      throw new Error('consumer-management sent a malformed introspection answer');
    }
    return raw;
  }

  isRevoked(jti: string | null, now = Date.now()): boolean {
    if (jti === null || this.revokedJtis.size === 0) return false;
    const until = this.revokedJtis.get(jti);
    if (until === undefined) return false;
    if (until <= now) {
      this.revokedJtis.delete(jti);
      return false;
    }
    return true;
  }

  /** Drops what an event makes stale. Refusals go on every event (see CredentialCache). */
  onEvent(event: CloudEvent): void {
    const data = (
      typeof event.data === 'object' && event.data !== null ? event.data : {}
    ) as EventData;
    const cache = this.cache;
    switch (event.type) {
      case 'consumer.key.revoked':
      case 'consumer.key.rotated':
      case 'consumer.user.key.revoked':
      case 'consumer.user.key.rotated': {
        const keyId = str(data, 'keyId');
        if (keyId) cache.invalidateKey(keyId);
        break;
      }
      case 'consumer.oauth_client.revoked': {
        const clientId = str(data, 'clientId');
        if (clientId) cache.invalidateKey(clientId);
        const consumerId = str(data, 'consumerId');
        if (consumerId) cache.invalidateActor(consumerId);
        break;
      }
      case 'consumer.token.revoked': {
        const jti = str(data, 'jti');
        if (jti) {
          const exp = Date.parse(str(data, 'expiresAt') ?? '');
          this.revokedJtis.set(jti, Number.isFinite(exp) ? exp : Date.now() + 86_400_000);
          cache.invalidateJti(jti);
        }
        break;
      }
      case 'consumer.user.updated': {
        const userId = str(data, 'userId');
        if (userId) cache.invalidateActor(userId);
        break;
      }
      case 'consumer.plan.updated':
      case 'consumer.plan.archived':
      case 'consumer.tenant.updated':
        // Plans and tenants fan out to many credentials we do not index: start over.
        cache.clear();
        break;
      default: {
        // consumer.approved/suspended/rejected/updated and consumer.subscription.*
        const consumerId = str(data, 'consumerId');
        if (consumerId) cache.invalidateActor(consumerId);
      }
    }
    cache.clearNegatives();
    this.logger.debug({ type: event.type }, 'credential cache invalidated');
  }
}
