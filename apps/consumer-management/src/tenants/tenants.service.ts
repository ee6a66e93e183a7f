import { Injectable } from '@nestjs/common';
import {
  type CreatedApiKey,
  type CreateTenant,
  DEFAULT_TENANT_ID,
  newId,
  Paginated,
  type PageQuery,
  PorticoError,
  type TenantView,
  type UpdateTenant,
  type UserView,
} from '@portico/contracts';
import type { AccessScope } from '../common/access-scope';
import { isUniqueViolation } from '../common/database';
import { Outbox } from '../common/outbox.service';
import type { Tenant } from '../generated/prisma/client';
import { KeysService } from '../keys/keys.service';
import { UsersService, userView } from '../users/users.service';
import { TenantsRepository } from './tenants.repository';

export function tenantView(t: Tenant): TenantView {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    status: t.status as TenantView['status'],
    selfSignup: t.selfSignup,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Admins of the default tenant operate the installation: they create and suspend tenants. */
function isOperator(scope: AccessScope): boolean {
  return scope.tenantId === DEFAULT_TENANT_ID && scope.role === 'admin';
}

function visibleTenants(scope: AccessScope): string | null {
  return scope.tenantId === DEFAULT_TENANT_ID && scope.role !== 'user' ? null : scope.tenantId;
}

export interface CreatedTenant {
  tenant: TenantView;
  admin: UserView;
  /** The first admin's API key: shown once. */
  adminKey: CreatedApiKey;
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly repo: TenantsRepository,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
    private readonly keys: KeysService,
  ) {}

  async create(scope: AccessScope, dto: CreateTenant): Promise<CreatedTenant> {
    if (!isOperator(scope)) {
      throw PorticoError.forbidden('Only admins of the default tenant create tenants.');
    }
    try {
      return await this.outbox.transaction(async (tx, emit) => {
        const tenant = await this.repo.create(tx, {
          id: newId('ten'),
          name: dto.name,
          slug: dto.slug,
          selfSignup: dto.selfSignup,
        });
        await emit('consumer.tenant.created', tenant.id, tenant.id, {
          tenantId: tenant.id,
          name: tenant.name,
          slug: tenant.slug,
        });
        const admin = await this.users.createInTx(tx, emit, tenant.id, {
          ...dto.admin,
          role: 'admin',
        });
        const adminKey = await this.keys.createInTx(
          tx,
          emit,
          tenant.id,
          { kind: 'user', userId: admin.id },
          {
            name: 'first admin key',
            scopes: ['*'],
            allowedApis: [],
            allowedIps: [],
            expiresAt: null,
          },
          scope.actorId,
        );
        return { tenant: tenantView(tenant), admin: userView(admin), adminKey };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw PorticoError.conflict(`A tenant with slug '${dto.slug}' exists.`, [
          { field: 'slug', message: 'already taken' },
        ]);
      }
      throw err;
    }
  }

  async list(scope: AccessScope, page: PageQuery): Promise<Paginated<TenantView>> {
    const { items, total } = await this.repo.list(visibleTenants(scope), page);
    return new Paginated(items.map(tenantView), { page: page.page, limit: page.limit, total });
  }

  async get(scope: AccessScope, id: string): Promise<TenantView> {
    const tenant = await this.repo.find(visibleTenants(scope), id);
    if (!tenant) throw PorticoError.notFound('Tenant', id);
    return tenantView(tenant);
  }

  async update(scope: AccessScope, id: string, dto: UpdateTenant): Promise<TenantView> {
    if (dto.status !== undefined && !isOperator(scope)) {
      throw PorticoError.forbidden("Only admins of the default tenant change a tenant's status.");
    }
    if (dto.status === 'suspended' && id === DEFAULT_TENANT_ID) {
      throw PorticoError.conflict('The default tenant cannot be suspended.');
    }
    const visible = isOperator(scope) ? null : scope.tenantId;
    const tenant = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.repo.find(visible, id, tx);
      if (!before) throw PorticoError.notFound('Tenant', id);
      const after = await this.repo.update(tx, id, dto);
      const changes = (['name', 'status', 'selfSignup'] as const).filter(
        (f) => before[f] !== after[f],
      );
      if (changes.length > 0) {
        await emit('consumer.tenant.updated', id, id, {
          tenantId: id,
          name: after.name,
          status: after.status,
          changes,
        });
      }
      return after;
    });
    return tenantView(tenant);
  }
}
