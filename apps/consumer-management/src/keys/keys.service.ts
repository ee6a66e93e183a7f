import { Injectable } from '@nestjs/common';
import {
  type ApiKeyStatus,
  type ApiKeyView,
  type CreateApiKey,
  type CreatedApiKey,
  newId,
  Paginated,
  type PageQuery,
  PorticoError,
  type RotatedApiKey,
  type RotateApiKey,
} from '@portico/contracts';
import { formatApiKey, keyPrefix, maskedKey } from '../common/api-key-format';
import type { AccessScope } from '../common/access-scope';
import { normaliseCidrs } from '../common/cidr';
import { iso, type Tx } from '../common/database';
import { LastUsedRecorder } from '../common/last-used.service';
import { type Emit, Outbox } from '../common/outbox.service';
import { randomSecret, Secrets } from '../common/secrets';
import type { ApiKey } from '../generated/prisma/client';
import { type KeyOwner, KeysRepository } from './keys.repository';

/** A validated key request, ready to store. */
export interface KeySpec {
  name: string;
  scopes: string[];
  allowedApis: string[];
  allowedIps: string[];
  expiresAt: Date | null;
}

export function keySpecFrom(dto: CreateApiKey, now = new Date()): KeySpec {
  const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw PorticoError.validation('The request is invalid: 1 problem found.', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  return {
    name: dto.name,
    scopes: [...new Set([...(dto.scopes ?? []), ...(dto.permissions ?? [])])],
    allowedApis: [...new Set(dto.allowedApis ?? [])],
    allowedIps: normaliseCidrs(dto.allowedIps ?? [], 'allowedIps'),
    expiresAt,
  };
}

function statusOf(k: ApiKey, now: Date): ApiKeyStatus {
  if (k.revokedAt && k.revokedAt <= now) return 'revoked';
  if (k.expiresAt && k.expiresAt <= now) return 'expired';
  return 'active';
}

export function keyView(k: ApiKey, now = new Date()): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: keyPrefix(k.id),
    masked: maskedKey(k.id),
    consumerId: k.consumerId,
    userId: k.userId,
    scopes: k.scopes,
    allowedApis: k.allowedApis.length > 0 ? k.allowedApis : null,
    allowedIps: k.allowedIps.length > 0 ? k.allowedIps : null,
    status: statusOf(k, now),
    expiresAt: iso(k.expiresAt),
    revokedAt: iso(k.revokedAt),
    replacedById: k.replacedById,
    lastUsedAt: iso(k.lastUsedAt),
    createdAt: k.createdAt.toISOString(),
  };
}

/** API keys of consumers and of admin users: created once, listed masked, revoked, rotated. */
@Injectable()
export class KeysService {
  constructor(
    private readonly repo: KeysRepository,
    private readonly outbox: Outbox,
    private readonly secrets: Secrets,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  /** Stores a new key inside the caller's transaction; the answer is the only copy of the key. */
  async createInTx(
    tx: Tx,
    emit: Emit,
    tenantId: string,
    owner: KeyOwner,
    spec: KeySpec,
    createdBy: string,
  ): Promise<CreatedApiKey> {
    const id = newId('key');
    const secret = randomSecret();
    const row = await this.repo.insert(tx, {
      id,
      tenantId,
      owner,
      ...spec,
      secretHash: this.secrets.hashApiKey(id, secret),
      createdBy,
    });
    if (owner.kind === 'consumer') {
      await emit('consumer.key.created', tenantId, id, {
        keyId: id,
        consumerId: owner.consumerId,
        prefix: keyPrefix(id),
      });
    } else {
      await emit('consumer.user.key.created', tenantId, id, {
        keyId: id,
        userId: owner.userId,
        prefix: keyPrefix(id),
      });
    }
    return { ...keyView(row), key: formatApiKey(id, secret) };
  }

  async create(scope: AccessScope, owner: KeyOwner, dto: CreateApiKey): Promise<CreatedApiKey> {
    await this.assertOwnerVisible(scope, owner);
    const spec = keySpecFrom(dto);
    return this.outbox.transaction((tx, emit) =>
      this.createInTx(tx, emit, scope.tenantId, owner, spec, scope.actorId),
    );
  }

  async list(scope: AccessScope, owner: KeyOwner, page: PageQuery): Promise<Paginated<ApiKeyView>> {
    await this.assertOwnerVisible(scope, owner);
    await this.lastUsed.flush();
    const { items, total } = await this.repo.list(scope.tenantId, owner, page);
    const now = new Date();
    return new Paginated(
      items.map((k) => keyView(k, now)),
      { page: page.page, limit: page.limit, total },
    );
  }

  async get(scope: AccessScope, owner: KeyOwner, keyId: string): Promise<ApiKeyView> {
    await this.assertOwnerVisible(scope, owner);
    await this.lastUsed.flush();
    return keyView(await this.find(scope.tenantId, owner, keyId));
  }

  async revoke(scope: AccessScope, owner: KeyOwner, keyId: string): Promise<ApiKeyView> {
    await this.assertOwnerVisible(scope, owner);
    return this.outbox.transaction(async (tx, emit) => {
      const key = await this.find(scope.tenantId, owner, keyId, tx);
      const now = new Date();
      if (await this.repo.revoke(tx, scope.tenantId, keyId, now)) {
        await this.emitKeyEvent(emit, 'revoked', scope.tenantId, owner, keyId);
        return keyView({ ...key, revokedAt: now }, now);
      }
      return keyView(key, now);
    });
  }

  /**
   * Issues a replacement with the same settings; the old key keeps working for the grace period
   * (its expiry moves to the end of it, never later than it already was).
   */
  async rotate(
    scope: AccessScope,
    owner: KeyOwner,
    keyId: string,
    dto: RotateApiKey,
  ): Promise<RotatedApiKey> {
    await this.assertOwnerVisible(scope, owner);
    return this.outbox.transaction(async (tx, emit) => {
      const old = await this.find(scope.tenantId, owner, keyId, tx);
      const now = new Date();
      if (statusOf(old, now) !== 'active' || old.replacedById) {
        throw PorticoError.conflict(
          old.replacedById
            ? `API key '${keyId}' was already rotated (replaced by '${old.replacedById}').`
            : `API key '${keyId}' is ${statusOf(old, now)} and cannot be rotated.`,
        );
      }
      const spec: KeySpec = {
        name: old.name,
        scopes: old.scopes,
        allowedApis: old.allowedApis,
        allowedIps: old.allowedIps,
        expiresAt: old.expiresAt,
      };
      const current = await this.createInTx(tx, emit, scope.tenantId, owner, spec, scope.actorId);
      const graceEnd = new Date(now.getTime() + dto.gracePeriodSeconds * 1000);
      const graceUntil = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
      if (!(await this.repo.markReplaced(tx, scope.tenantId, keyId, current.id, graceUntil))) {
        throw PorticoError.conflict(`API key '${keyId}' changed meanwhile; try again.`);
      }
      await this.emitKeyEvent(emit, 'rotated', scope.tenantId, owner, keyId, {
        newKeyId: current.id,
        graceUntil: graceUntil.toISOString(),
      });
      const previous = keyView({ ...old, replacedById: current.id, expiresAt: graceUntil }, now);
      return { previous, current };
    });
  }

  private async find(tenantId: string, owner: KeyOwner, keyId: string, tx?: Tx): Promise<ApiKey> {
    const key = await this.repo.find(tenantId, owner, keyId, tx);
    if (!key) throw PorticoError.notFound('API key', keyId);
    return key;
  }

  private async assertOwnerVisible(scope: AccessScope, owner: KeyOwner): Promise<void> {
    if (await this.repo.ownerVisible(scope, owner)) return;
    throw owner.kind === 'consumer'
      ? PorticoError.notFound('Consumer', owner.consumerId)
      : PorticoError.notFound('User', owner.userId);
  }

  private async emitKeyEvent(
    emit: Emit,
    what: 'revoked' | 'rotated',
    tenantId: string,
    owner: KeyOwner,
    keyId: string,
    rotation?: { newKeyId: string; graceUntil: string },
  ): Promise<void> {
    const prefix = keyPrefix(keyId);
    if (owner.kind === 'consumer') {
      const data = { keyId, consumerId: owner.consumerId, prefix };
      if (what === 'revoked') await emit('consumer.key.revoked', tenantId, keyId, data);
      else await emit('consumer.key.rotated', tenantId, keyId, { ...data, ...rotation! });
    } else {
      const data = { keyId, userId: owner.userId, prefix };
      if (what === 'revoked') await emit('consumer.user.key.revoked', tenantId, keyId, data);
      else await emit('consumer.user.key.rotated', tenantId, keyId, { ...data, ...rotation! });
    }
  }
}
