import { Injectable } from '@nestjs/common';
import {
  type ConsumerStatus,
  type ConsumerView,
  type CreateConsumer,
  type ListConsumersQuery,
  newId,
  Paginated,
  PorticoError,
  type UpdateConsumer,
} from '@portico/contracts';
import { type AccessScope, isTenantManager } from '../common/access-scope';
import { isUniqueViolation, type Tx } from '../common/database';
import { type Emit, Outbox } from '../common/outbox.service';
import type { Consumer, Plan } from '../generated/prisma/client';
import { PlansRepository } from '../plans/plans.repository';
import { consumerRef, consumerView } from './consumer-view';
import { ConsumersRepository } from './consumers.repository';

export interface NewConsumer {
  tenantId: string;
  ownerUserId: string | null;
  dto: CreateConsumer;
  plan: Plan | null;
  status: 'pending' | 'approved';
  decidedBy: string | null;
}

@Injectable()
export class ConsumersService {
  constructor(
    private readonly repo: ConsumersRepository,
    private readonly plans: PlansRepository,
    private readonly outbox: Outbox,
  ) {}

  /** The named active plan of the tenant (400 when there is none), else the tenant's default. */
  async resolvePlan(tenantId: string, planId: string | undefined, tx?: Tx): Promise<Plan | null> {
    if (planId === undefined) return this.plans.findDefault(tenantId, tx);
    const plan = await this.plans.findActive(tenantId, planId, tx);
    if (!plan) {
      throw PorticoError.validation('The request is invalid: 1 problem found.', [
        { field: 'planId', message: `no active plan '${planId}' in this tenant` },
      ]);
    }
    return plan;
  }

  /** Inserts a consumer and announces it (and its approval, when it starts approved). */
  async insert(tx: Tx, emit: Emit, c: NewConsumer): Promise<Consumer> {
    const email = c.dto.email.toLowerCase();
    let consumer: Consumer;
    try {
      consumer = await this.repo.create(tx, {
        id: newId('con'),
        tenantId: c.tenantId,
        ownerUserId: c.ownerUserId,
        name: c.dto.name,
        type: c.dto.type,
        email,
        contact: c.dto.contact,
        metadata: c.dto.metadata,
        status: c.status,
        planId: c.plan?.id ?? null,
        approvedAt: c.status === 'approved' ? new Date() : null,
        decidedBy: c.decidedBy,
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw PorticoError.conflict(`A consumer with email '${email}' exists in this tenant.`, [
          { field: 'email', message: 'already registered' },
        ]);
      }
      throw err;
    }
    await emit('consumer.created', c.tenantId, consumer.id, {
      ...consumerRef(consumer),
      status: consumer.status,
    });
    if (consumer.status === 'approved') {
      await emit('consumer.approved', c.tenantId, consumer.id, consumerRef(consumer));
    }
    return consumer;
  }

  /**
   * Admins and automation create approved consumers; a `user` creates a pending one (owned by
   * them) unless its plan auto-approves.
   */
  async create(scope: AccessScope, dto: CreateConsumer): Promise<ConsumerView> {
    const plan = await this.resolvePlan(scope.tenantId, dto.planId);
    const status: ConsumerStatus =
      isTenantManager(scope) || plan?.autoApprove ? 'approved' : 'pending';
    const consumer = await this.outbox.transaction((tx, emit) =>
      this.insert(tx, emit, {
        tenantId: scope.tenantId,
        ownerUserId: scope.actorId,
        dto,
        plan,
        status: status as 'pending' | 'approved',
        decidedBy: status === 'approved' ? scope.actorId : null,
      }),
    );
    return consumerView(consumer);
  }

  async list(scope: AccessScope, q: ListConsumersQuery): Promise<Paginated<ConsumerView>> {
    const { items, total } = await this.repo.list(scope, q);
    return new Paginated(items.map(consumerView), { page: q.page, limit: q.limit, total });
  }

  async get(scope: AccessScope, id: string): Promise<ConsumerView> {
    return consumerView(await this.find(scope, id));
  }

  async find(scope: AccessScope, id: string, tx?: Tx): Promise<Consumer> {
    const consumer = await this.repo.find(scope, id, tx);
    if (!consumer) throw PorticoError.notFound('Consumer', id);
    return consumer;
  }

  async update(scope: AccessScope, id: string, dto: UpdateConsumer): Promise<ConsumerView> {
    if (dto.planId !== undefined && !isTenantManager(scope)) {
      throw PorticoError.forbidden("Only admins and system users change a consumer's plan.");
    }
    const consumer = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.find(scope, id, tx);
      if (dto.planId) await this.resolvePlan(scope.tenantId, dto.planId, tx);
      await this.repo.update(tx, scope, id, {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.contact !== undefined ? { contact: dto.contact } : {}),
        ...(dto.metadata !== undefined ? { metadata: dto.metadata } : {}),
        ...(dto.planId !== undefined ? { planId: dto.planId } : {}),
      });
      const after = await this.find(scope, id, tx);
      const changes = (['name', 'contact', 'metadata', 'planId'] as const).filter(
        (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
      );
      if (changes.length > 0) {
        await emit('consumer.updated', scope.tenantId, id, {
          ...consumerRef(after),
          changes,
          planId: after.planId,
        });
      }
      return after;
    });
    return consumerView(consumer);
  }
}
