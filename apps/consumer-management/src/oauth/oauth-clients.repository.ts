import { Injectable } from '@nestjs/common';
import { pageOffset, type PageQuery } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import { type AccessScope, consumerWhere } from '../common/access-scope';
import type { Db, Tx } from '../common/database';
import type { OAuthClient } from '../generated/prisma/client';

/** What client authentication needs, with the state of the client's consumer and tenant. */
export interface ClientForAuth {
  id: string;
  tenantId: string;
  consumerId: string;
  secretHash: Uint8Array;
  scopes: string[];
  status: string;
  consumerStatus: string;
  tenantStatus: string;
}

/** Whether a token's client, consumer and tenant still stand, and whether the token was revoked. */
export interface TokenState {
  clientStatus: string;
  consumerStatus: string;
  tenantStatus: string;
  revoked: boolean;
}

/** OAuth clients of consumers, and revoked access tokens. */
@Injectable()
export class OAuthClientsRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  async consumerVisible(scope: AccessScope, consumerId: string): Promise<boolean> {
    const found = await this.db.consumer.findFirst({
      where: { ...consumerWhere(scope), id: consumerId },
      select: { id: true },
    });
    return found !== null;
  }

  insert(
    tx: Tx,
    data: {
      id: string;
      tenantId: string;
      consumerId: string;
      name: string;
      secretHash: Uint8Array;
      scopes: string[];
      createdBy: string;
    },
  ): Promise<OAuthClient> {
    return tx.oAuthClient.create({
      data: { ...data, secretHash: new Uint8Array(data.secretHash) },
    });
  }

  find(tenantId: string, consumerId: string, id: string, tx?: Tx): Promise<OAuthClient | null> {
    return (tx ?? this.db).oAuthClient.findFirst({ where: { tenantId, consumerId, id } });
  }

  async list(
    tenantId: string,
    consumerId: string,
    page: PageQuery,
  ): Promise<{ items: OAuthClient[]; total: number }> {
    const where = { tenantId, consumerId };
    const [items, total] = await Promise.all([
      this.db.oAuthClient.findMany({ where, orderBy: { id: 'desc' }, ...pageOffset(page) }),
      this.db.oAuthClient.count({ where }),
    ]);
    return { items, total };
  }

  async revoke(tx: Tx, tenantId: string, id: string, at: Date): Promise<boolean> {
    const res = await tx.oAuthClient.updateMany({
      where: { tenantId, id, status: 'active' },
      data: { status: 'revoked', revokedAt: at },
    });
    return res.count === 1;
  }

  async findForAuth(clientId: string): Promise<ClientForAuth | null> {
    const rows = await this.db.$queryRawUnsafe<ClientForAuth[]>(
      `SELECT cl.id, cl.tenant_id AS "tenantId", cl.consumer_id AS "consumerId",
              cl.secret_hash AS "secretHash", cl.scopes, cl.status,
              c.status AS "consumerStatus", t.status AS "tenantStatus"
       FROM oauth_clients cl
       JOIN consumers c ON c.id = cl.consumer_id
       JOIN tenants t ON t.id = cl.tenant_id
       WHERE cl.id = $1`,
      clientId,
    );
    return rows[0] ?? null;
  }

  async tokenState(clientId: string, jti: string): Promise<TokenState | null> {
    const rows = await this.db.$queryRawUnsafe<TokenState[]>(
      `SELECT cl.status AS "clientStatus", c.status AS "consumerStatus", t.status AS "tenantStatus",
              EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked
       FROM oauth_clients cl
       JOIN consumers c ON c.id = cl.consumer_id
       JOIN tenants t ON t.id = cl.tenant_id
       WHERE cl.id = $1`,
      clientId,
      jti,
    );
    return rows[0] ?? null;
  }

  /** Records a revoked token; false when it already was. */
  async insertRevoked(
    tx: Tx,
    row: { jti: string; tenantId: string; clientId: string; expiresAt: Date },
  ): Promise<boolean> {
    const n = await tx.$executeRawUnsafe(
      `INSERT INTO revoked_tokens (jti, tenant_id, client_id, expires_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      row.jti,
      row.tenantId,
      row.clientId,
      row.expiresAt,
    );
    return n === 1;
  }

  /** Expired tokens need no revocation record. */
  purgeExpiredRevocations(now: Date): Promise<number> {
    return this.db.$executeRawUnsafe(`DELETE FROM revoked_tokens WHERE expires_at < $1`, now);
  }
}
