import type { Principal } from '@portico/contracts';
import { consumerWhere, isTenantManager, scopeOf } from './access-scope';

const p = (role: Principal['role'], consumerId: string | null = null): Principal => ({
  tenantId: 'ten_a',
  role,
  actorId: 'usr_1',
  consumerId,
  keyId: null,
  scopes: [],
  via: 'apiKey',
});

describe('access scope (BOLA guard)', () => {
  it('limits admins to their tenant, users to their own consumers, consumers to themselves', () => {
    expect(consumerWhere(scopeOf(p('admin')))).toEqual({ tenantId: 'ten_a' });
    expect(consumerWhere(scopeOf(p('auditor')))).toEqual({ tenantId: 'ten_a' });
    expect(consumerWhere(scopeOf(p('user')))).toEqual({ tenantId: 'ten_a', ownerUserId: 'usr_1' });
    expect(consumerWhere(scopeOf(p('consumer', 'con_1')))).toEqual({
      tenantId: 'ten_a',
      id: 'con_1',
    });
  });

  it('gives a consumer principal without a consumer id nothing', () => {
    expect(consumerWhere(scopeOf(p('consumer'))).id).toBeDefined();
  });

  it('lets only admins and system users manage the tenant', () => {
    expect(isTenantManager(scopeOf(p('admin')))).toBe(true);
    expect(isTenantManager(scopeOf(p('system')))).toBe(true);
    expect(isTenantManager(scopeOf(p('user')))).toBe(false);
    expect(isTenantManager(scopeOf(p('auditor')))).toBe(false);
  });
});
