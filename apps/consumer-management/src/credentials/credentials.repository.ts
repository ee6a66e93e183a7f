import { Injectable } from '@nestjs/common';
import { InjectDatabase } from '@portico/platform';
import type { Db } from '../common/database';

/** A consumer's plan and approved subscriptions, as verification answers carry them. */
export interface ConsumerContext {
  consumerStatus: string | null;
  planId: string | null;
  planName: string | null;
  rateLimitPerMinute: number | null;
  quotaPerMonth: number | null;
  planAllowedApis: string[] | null;
  subscriptions: Array<{
    subscriptionId: string;
    apiId: string;
    apiVersionId: string;
    planId: string;
    name: string;
    rateLimitPerMinute: number | null;
    quotaPerMonth: number | null;
  }>;
}

export interface KeyRecord extends ConsumerContext {
  id: string;
  tenantId: string;
  consumerId: string | null;
  userId: string | null;
  secretHash: Uint8Array;
  scopes: string[];
  allowedApis: string[];
  allowedIps: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  tenantStatus: string;
  userRole: string | null;
  userStatus: string | null;
}

export interface ClientRecord extends ConsumerContext {
  id: string;
  tenantId: string;
  consumerId: string;
  scopes: string[];
  status: string;
  tenantStatus: string;
}

/** Columns of the consumer (alias c) and its plan (alias p), shared by both lookups. */
const CONSUMER_CONTEXT = `c.status AS "consumerStatus", p.id AS "planId", p.name AS "planName",
  p.rate_limit_per_minute AS "rateLimitPerMinute", p.quota_per_month AS "quotaPerMonth",
  p.allowed_apis AS "planAllowedApis",
  (SELECT COALESCE(json_agg(json_build_object(
      'subscriptionId', s.id, 'apiId', s.api_id, 'apiVersionId', s.api_version_id,
      'planId', sp.id, 'name', sp.name, 'rateLimitPerMinute', sp.rate_limit_per_minute,
      'quotaPerMonth', sp.quota_per_month) ORDER BY s.id), CAST('[]' AS json))
   FROM subscriptions s JOIN plans sp ON sp.id = s.plan_id
   WHERE s.consumer_id = c.id AND s.status = 'approved') AS subscriptions`;

const KEY_SQL = `SELECT k.id, k.tenant_id AS "tenantId", k.consumer_id AS "consumerId",
  k.user_id AS "userId", k.secret_hash AS "secretHash", k.scopes, k.allowed_apis AS "allowedApis",
  k.allowed_ips AS "allowedIps", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
  t.status AS "tenantStatus", u.role AS "userRole", u.status AS "userStatus",
  ${CONSUMER_CONTEXT}
FROM api_keys k
JOIN tenants t ON t.id = k.tenant_id
LEFT JOIN users u ON u.id = k.user_id
LEFT JOIN consumers c ON c.id = k.consumer_id
LEFT JOIN plans p ON p.id = c.plan_id
WHERE k.id = $1`;

const CLIENT_SQL = `SELECT cl.id, cl.tenant_id AS "tenantId", cl.consumer_id AS "consumerId",
  cl.scopes, cl.status, t.status AS "tenantStatus",
  ${CONSUMER_CONTEXT}
FROM oauth_clients cl
JOIN tenants t ON t.id = cl.tenant_id
JOIN consumers c ON c.id = cl.consumer_id
LEFT JOIN plans p ON p.id = c.plan_id
WHERE cl.id = $1`;

/**
 * The verification hot path: one indexed query (primary key) per check, with everything the
 * answer needs joined in.
 */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDatabase() private readonly db: Db) {}

  async findKey(keyId: string): Promise<KeyRecord | null> {
    const rows = await this.db.$queryRawUnsafe<KeyRecord[]>(KEY_SQL, keyId);
    return rows[0] ?? null;
  }

  async findClient(clientId: string): Promise<ClientRecord | null> {
    const rows = await this.db.$queryRawUnsafe<ClientRecord[]>(CLIENT_SQL, clientId);
    return rows[0] ?? null;
  }
}
