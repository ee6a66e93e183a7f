import { Injectable } from '@nestjs/common';
import {
  type CreatePlan,
  newId,
  Paginated,
  type PageQuery,
  type PlanView,
  PorticoError,
  type UpdatePlan,
} from '@portico/contracts';
import type { AccessScope } from '../common/access-scope';
import { isUniqueViolation } from '../common/database';
import { Outbox } from '../common/outbox.service';
import type { Plan } from '../generated/prisma/client';
import { PlansRepository } from './plans.repository';

export function planView(p: Plan): PlanView {
  return {
    id: p.id,
    tenantId: p.tenantId,
    name: p.name,
    description: p.description,
    rateLimitPerMinute: p.rateLimitPerMinute,
    quotaPerMonth: p.quotaPerMonth,
    allowedApis: p.allowedApis.length > 0 ? p.allowedApis : null,
    autoApprove: p.autoApprove,
    subscriptionApproval: p.subscriptionApproval,
    isDefault: p.isDefault,
    status: p.status as PlanView['status'],
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const FIELDS = [
  'name',
  'description',
  'rateLimitPerMinute',
  'quotaPerMonth',
  'allowedApis',
  'autoApprove',
  'subscriptionApproval',
  'isDefault',
] as const;

function nameTaken(name: string): PorticoError {
  return PorticoError.conflict(`A plan named '${name}' exists.`, [
    { field: 'name', message: 'already taken' },
  ]);
}

@Injectable()
export class PlansService {
  constructor(
    private readonly repo: PlansRepository,
    private readonly outbox: Outbox,
  ) {}

  async create(scope: AccessScope, dto: CreatePlan): Promise<PlanView> {
    try {
      const plan = await this.outbox.transaction(async (tx, emit) => {
        const created = await this.repo.create(tx, {
          id: newId('pln'),
          tenantId: scope.tenantId,
          ...dto,
          allowedApis: dto.allowedApis ?? [],
        });
        if (created.isDefault) await this.repo.clearDefault(tx, scope.tenantId, created.id);
        await emit('consumer.plan.created', scope.tenantId, created.id, {
          planId: created.id,
          name: created.name,
        });
        return created;
      });
      return planView(plan);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(dto.name);
      throw err;
    }
  }

  async list(
    scope: AccessScope,
    page: PageQuery,
    includeArchived: boolean,
  ): Promise<Paginated<PlanView>> {
    const { items, total } = await this.repo.list(scope.tenantId, page, includeArchived);
    return new Paginated(items.map(planView), { page: page.page, limit: page.limit, total });
  }

  async get(scope: AccessScope, id: string): Promise<PlanView> {
    const plan = await this.repo.find(scope.tenantId, id);
    if (!plan) throw PorticoError.notFound('Plan', id);
    return planView(plan);
  }

  /** Changes apply to every consumer and subscription on the plan (the gateway is told at once). */
  async update(scope: AccessScope, id: string, dto: UpdatePlan): Promise<PlanView> {
    try {
      const plan = await this.outbox.transaction(async (tx, emit) => {
        const before = await this.repo.find(scope.tenantId, id, tx);
        if (!before || before.status !== 'active') throw PorticoError.notFound('Plan', id);
        const { allowedApis, ...rest } = dto;
        const after = await this.repo.update(tx, scope.tenantId, id, {
          ...rest,
          ...(allowedApis !== undefined ? { allowedApis: allowedApis ?? [] } : {}),
        });
        if (after.isDefault && !before.isDefault) {
          await this.repo.clearDefault(tx, scope.tenantId, id);
        }
        const changes = FIELDS.filter(
          (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
        );
        if (changes.length > 0) {
          await emit('consumer.plan.updated', scope.tenantId, id, {
            planId: id,
            name: after.name,
            changes,
          });
        }
        return after;
      });
      return planView(plan);
    } catch (err) {
      if (isUniqueViolation(err) && dto.name) throw nameTaken(dto.name);
      throw err;
    }
  }

  /** Archived plans can no longer be chosen; consumers already on one keep its limits. */
  async archive(scope: AccessScope, id: string): Promise<PlanView> {
    const plan = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.repo.find(scope.tenantId, id, tx);
      if (!before) throw PorticoError.notFound('Plan', id);
      if (before.status === 'archived') return before;
      const after = await this.repo.update(tx, scope.tenantId, id, {
        status: 'archived',
        isDefault: false,
      });
      await emit('consumer.plan.archived', scope.tenantId, id, { planId: id, name: after.name });
      return after;
    });
    return planView(plan);
  }
}
