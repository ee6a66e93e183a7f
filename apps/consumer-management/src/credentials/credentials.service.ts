import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Principal,
  RoleSchema,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
} from '@portico/contracts';
import {
  BootstrapKey,
  type CredentialVerifier,
  InjectConfig,
  MessagingService,
  MetricsService,
} from '@portico/platform';
import type { Counter } from 'prom-client';
import { parseApiKey } from '../common/api-key-format';
import { ipAllowed } from '../common/cidr';
import { CREDENTIAL_LOCKOUT } from '../common/common.module';
import { LastUsedRecorder } from '../common/last-used.service';
import { Outbox } from '../common/outbox.service';
import type { Lockout } from '../common/lockout';
import { digestsEqual, Secrets } from '../common/secrets';
import type { ConsumerManagementConfig } from '../config';
import { TokensService } from '../oauth/tokens.service';
import { type ClientRecord, CredentialsRepository, type KeyRecord } from './credentials.repository';
import { RecordCache } from './record-cache';
import { consumerAnswer, nonEmpty, reject, ttlUntil } from './verification';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Bounds how long a record could outlive a missed invalidation event. */
const RECORD_TTL_MS = 30_000;

/**
 * The authority on credentials: API keys (consumers' and admin users'), the bootstrap admin key,
 * OAuth clients and our access tokens. Answers the gateway over NATS and this service's own REST
 * guard directly. Unknown keys and wrong secrets take the same path (a lookup, an HMAC and a
 * constant-time compare); repeated failures lock the key id and the client IP out. Records are
 * cached in memory and dropped on every `consumer.*` event, so most checks need no database trip.
 */
@Injectable()
export class CredentialsService implements CredentialVerifier, OnModuleInit {
  private readonly bootstrap: BootstrapKey;
  private readonly dummyHash = randomBytes(32);
  private readonly results: Counter<'type' | 'result'>;
  private readonly keys = new RecordCache<KeyRecord | null>(RECORD_TTL_MS);
  private readonly clients = new RecordCache<ClientRecord | null>(RECORD_TTL_MS);

  constructor(
    private readonly repo: CredentialsRepository,
    private readonly secrets: Secrets,
    private readonly tokens: TokensService,
    private readonly lastUsed: LastUsedRecorder,
    @Inject(CREDENTIAL_LOCKOUT) private readonly lockout: Lockout,
    @InjectConfig() private readonly config: ConsumerManagementConfig,
    private readonly outbox: Outbox,
    private readonly messaging: MessagingService,
    metrics: MetricsService,
  ) {
    this.bootstrap = new BootstrapKey(config.PORTICO_BOOTSTRAP_ADMIN_KEY);
    this.results = metrics.counter(
      'portico_consumer_credential_verifications_total',
      'Credential verifications by credential type and result (valid or the refusal reason).',
      ['type', 'result'],
    );
  }

  onModuleInit(): void {
    const clear = () => {
      this.keys.clear();
      this.clients.clear();
    };
    this.outbox.onCommitted(clear);
    this.messaging.onConnected(async (m) => {
      // Changes made by other instances; and whatever happened while we were disconnected.
      clear();
      await m.subscribeEvents('consumer.>', clear).ready;
    });
  }

  async verify(req: VerifyCredentialRequest): Promise<VerifyCredentialReply> {
    const reply =
      req.type === 'apiKey'
        ? await this.verifyKey(req.key, req.clientIp)
        : await this.verifyClient(req.clientId);
    this.results.inc({ type: req.type, result: reply.valid ? 'valid' : reply.reason });
    return reply;
  }

  private async verifyKey(key: string, clientIp?: string): Promise<VerifyCredentialReply> {
    const maxTtl = this.config.CREDENTIAL_CACHE_TTL_SECONDS;
    if (this.bootstrap.matches(key)) {
      return {
        valid: true,
        principal: BootstrapKey.principal(),
        plan: null,
        allowedApis: null,
        allowedIps: null,
        subscriptions: [],
        expiresAt: null,
        cacheTtlSeconds: maxTtl,
      };
    }
    if (JWT_SHAPE.test(key)) return this.verifyAccessToken(key);

    const ipSubject = clientIp ? [`ip:${clientIp}`] : [];
    const parsed = parseApiKey(key);
    const subjects = parsed ? [...ipSubject, `key:${parsed.keyId}`] : ipSubject;
    const lockedMs = this.lockout.lockedFor(subjects);
    if (lockedMs > 0) return reject('locked_out', Math.ceil(lockedMs / 1000));

    const row = parsed ? await this.findKey(parsed.keyId) : null;
    const presented = this.secrets.hashApiKey(parsed?.keyId ?? 'key_', parsed?.secret ?? key);
    const matches = digestsEqual(row?.secretHash ?? this.dummyHash, presented);
    if (!row || !matches) {
      this.lockout.fail(subjects);
      return reject('unknown');
    }
    return this.answerForKey(row, clientIp);
  }

  private answerForKey(row: KeyRecord, clientIp: string | undefined): VerifyCredentialReply {
    const now = Date.now();
    if (row.revokedAt && row.revokedAt.getTime() <= now) return reject('revoked');
    if (row.expiresAt && row.expiresAt.getTime() <= now) return reject('expired');
    if (row.tenantStatus !== 'active') return reject('revoked');
    if (row.userId && row.userStatus !== 'active') return reject('revoked');
    if (row.consumerId && row.consumerStatus !== 'approved') return reject('consumer_not_approved');
    const allowedIps = nonEmpty(row.allowedIps);
    if (allowedIps && !ipAllowed(clientIp, allowedIps)) return reject('ip_not_allowed');
    this.lastUsed.keyUsed(row.id);

    const cacheTtlSeconds = ttlUntil(row.expiresAt, this.config.CREDENTIAL_CACHE_TTL_SECONDS, now);
    if (row.userId) {
      const role = RoleSchema.safeParse(row.userRole);
      if (!role.success) return reject('revoked');
      return {
        valid: true,
        principal: {
          tenantId: row.tenantId,
          role: role.data,
          actorId: row.userId,
          consumerId: null,
          keyId: row.id,
          scopes: row.scopes,
          via: 'apiKey',
        },
        plan: null,
        allowedApis: nonEmpty(row.allowedApis),
        allowedIps,
        subscriptions: [],
        expiresAt: row.expiresAt?.toISOString() ?? null,
        cacheTtlSeconds,
      };
    }
    const consumerId = row.consumerId!;
    return consumerAnswer({
      principal: consumerPrincipal(row.tenantId, consumerId, row.id, row.scopes, 'apiKey'),
      ctx: row,
      credentialAllowedApis: nonEmpty(row.allowedApis),
      allowedIps,
      expiresAt: row.expiresAt,
      cacheTtlSeconds,
    });
  }

  /** An OAuth client id, for a gateway that has already checked the token's signature. */
  private async verifyClient(clientId: string): Promise<VerifyCredentialReply> {
    const row = await this.findClient(clientId);
    if (!row) return reject('unknown');
    if (row.status !== 'active' || row.tenantStatus !== 'active') return reject('revoked');
    if (row.consumerStatus !== 'approved') return reject('consumer_not_approved');
    this.lastUsed.clientUsed(row.id);
    return consumerAnswer({
      principal: consumerPrincipal(row.tenantId, row.consumerId, row.id, row.scopes, 'jwt'),
      ctx: row,
      credentialAllowedApis: null,
      allowedIps: null,
      expiresAt: null,
      cacheTtlSeconds: this.config.CREDENTIAL_CACHE_TTL_SECONDS,
    });
  }

  /** A Bearer access token we issued: valid while it introspects active, cached until it expires. */
  private async verifyAccessToken(token: string): Promise<VerifyCredentialReply> {
    const info = await this.tokens.introspect(token);
    if (!info.active || !info.client_id || !info.tenant_id || !info.consumer_id) {
      return reject('unknown');
    }
    const row = await this.findClient(info.client_id);
    if (!row) return reject('unknown');
    const expiresAt = info.exp ? new Date(info.exp * 1000) : null;
    const scopes = info.scope ? info.scope.split(' ') : [];
    return consumerAnswer({
      principal: consumerPrincipal(info.tenant_id, info.consumer_id, row.id, scopes, 'jwt'),
      ctx: row,
      credentialAllowedApis: null,
      allowedIps: null,
      expiresAt,
      cacheTtlSeconds: ttlUntil(expiresAt, this.config.CREDENTIAL_CACHE_TTL_SECONDS, Date.now()),
    });
  }

  /**
   * Misses are cached too: an unknown key id and a known one with a wrong secret must take the
   * same time, cached or not.
   */
  private async findKey(id: string): Promise<KeyRecord | null> {
    const cached = this.keys.get(id);
    if (cached !== undefined) return cached;
    const generation = this.keys.generation;
    const row = await this.repo.findKey(id);
    this.keys.set(id, row, generation);
    return row;
  }

  private async findClient(id: string): Promise<ClientRecord | null> {
    const cached = this.clients.get(id);
    if (cached !== undefined) return cached;
    const generation = this.clients.generation;
    const row = await this.repo.findClient(id);
    this.clients.set(id, row, generation);
    return row;
  }
}

function consumerPrincipal(
  tenantId: string,
  consumerId: string,
  keyId: string,
  scopes: string[],
  via: Principal['via'],
): Principal {
  return { tenantId, role: 'consumer', actorId: consumerId, consumerId, keyId, scopes, via };
}
