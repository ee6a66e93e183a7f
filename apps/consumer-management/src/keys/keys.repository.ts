import { Injectable } from '@nestjs/common';
import { pageOffset, type PageQuery } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import { type AccessScope, consumerWhere } from '../common/access-scope';
import type { Db, Tx } from '../common/database';
import type { ApiKey } from '../generated/prisma/client';

/** Whose keys: a consumer's, or an admin user's. */
export type KeyOwner = { kind: 'consumer'; consumerId: string } | { kind: 'user'; userId: string };

export interface NewApiKeyRow {
  id: string;
  tenantId: string;
  owner: KeyOwner;
  name: string;
  secretHash: Buffer;
  scopes: string[];
  allowedApis: string[];
  allowedIps: string[];
  expiresAt: Date | null;
  createdBy: string;
}

function ownerWhere(owner: KeyOwner): { consumerId: string } | { userId: string } {
  return owner.kind === 'consumer' ? { consumerId: owner.consumerId } : { userId: owner.userId };
}

/** API keys, always within one tenant and one owner. */
@Injectable()
export class KeysRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  /** Whether `scope` may see the owner's keys (BOLA: other tenants and other users' are hidden). */
  async ownerVisible(scope: AccessScope, owner: KeyOwner): Promise<boolean> {
    if (owner.kind === 'consumer') {
      const found = await this.db.consumer.findFirst({
        where: { ...consumerWhere(scope), id: owner.consumerId },
        select: { id: true },
      });
      return found !== null;
    }
    if (scope.role === 'consumer') return false;
    // Admins (and auditors, reading) see every user's keys; others only their own.
    if (scope.role !== 'admin' && scope.role !== 'auditor' && owner.userId !== scope.actorId) {
      return false;
    }
    const user = await this.db.user.findFirst({
      where: { tenantId: scope.tenantId, id: owner.userId },
      select: { id: true },
    });
    return user !== null;
  }

  insert(tx: Tx, row: NewApiKeyRow): Promise<ApiKey> {
    return tx.apiKey.create({
      data: {
        id: row.id,
        tenantId: row.tenantId,
        ...(row.owner.kind === 'consumer'
          ? { consumerId: row.owner.consumerId }
          : { userId: row.owner.userId }),
        name: row.name,
        secretHash: new Uint8Array(row.secretHash),
        scopes: row.scopes,
        allowedApis: row.allowedApis,
        allowedIps: row.allowedIps,
        expiresAt: row.expiresAt,
        createdBy: row.createdBy,
      },
    });
  }

  find(tenantId: string, owner: KeyOwner, keyId: string, tx?: Tx): Promise<ApiKey | null> {
    return (tx ?? this.db).apiKey.findFirst({
      where: { tenantId, id: keyId, ...ownerWhere(owner) },
    });
  }

  async list(
    tenantId: string,
    owner: KeyOwner,
    page: PageQuery,
  ): Promise<{ items: ApiKey[]; total: number }> {
    const where = { tenantId, ...ownerWhere(owner) };
    const [items, total] = await Promise.all([
      this.db.apiKey.findMany({ where, orderBy: { id: 'desc' }, ...pageOffset(page) }),
      this.db.apiKey.count({ where }),
    ]);
    return { items, total };
  }

  /** Revokes the key unless it already is; returns whether this call revoked it. */
  async revoke(tx: Tx, tenantId: string, keyId: string, at: Date): Promise<boolean> {
    const res = await tx.apiKey.updateMany({
      where: { tenantId, id: keyId, revokedAt: null },
      data: { revokedAt: at },
    });
    return res.count === 1;
  }

  /** Marks a key replaced (once): it keeps working until `expiresAt`. */
  async markReplaced(
    tx: Tx,
    tenantId: string,
    keyId: string,
    replacedById: string,
    expiresAt: Date,
  ): Promise<boolean> {
    const res = await tx.apiKey.updateMany({
      where: { tenantId, id: keyId, replacedById: null, revokedAt: null },
      data: { replacedById, expiresAt },
    });
    return res.count === 1;
  }
}
