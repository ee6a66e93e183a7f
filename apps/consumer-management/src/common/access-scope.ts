import type { Principal } from '@portico/contracts';

/**
 * What a caller may see, derived once from its Principal and passed to every repository method
 * (the BOLA guard): always its tenant; a `user` only the consumers it owns; a consumer only itself.
 */
export interface AccessScope {
  tenantId: string;
  /** Set for role `user`: only consumers whose owner is this user. */
  ownerUserId?: string;
  /** Set for role `consumer`: only this consumer. */
  consumerId?: string;
  actorId: string;
  role: Principal['role'];
}

export function scopeOf(p: Principal): AccessScope {
  const base = { tenantId: p.tenantId, actorId: p.actorId, role: p.role };
  if (p.role === 'user') return { ...base, ownerUserId: p.actorId };
  // A consumer principal without a consumer id must see nothing, not everything.
  if (p.role === 'consumer') return { ...base, consumerId: p.consumerId ?? '\u0000none' };
  return base;
}

/** Prisma `where` for consumers visible in `scope`. */
export function consumerWhere(scope: AccessScope): {
  tenantId: string;
  ownerUserId?: string;
  id?: string;
} {
  const where: { tenantId: string; ownerUserId?: string; id?: string } = {
    tenantId: scope.tenantId,
  };
  if (scope.ownerUserId !== undefined) where.ownerUserId = scope.ownerUserId;
  if (scope.consumerId !== undefined) where.id = scope.consumerId;
  return where;
}

/** Admins and automation manage everything in the tenant; users and consumers their own. */
export function isTenantManager(scope: AccessScope): boolean {
  return scope.role === 'admin' || scope.role === 'system';
}
