import { Injectable } from '@nestjs/common';
import {
  type CreateSubscription,
  type ListSubscriptionsQuery,
  newId,
  Paginated,
  PorticoError,
  type SubscriptionStatus,
  type SubscriptionView,
} from '@portico/contracts';
import { type AccessScope, isTenantManager } from '../common/access-scope';
import { iso } from '../common/database';
import { type Emit, Outbox } from '../common/outbox.service';
import { ConsumersService } from '../consumers/consumers.service';
import type { Subscription } from '../generated/prisma/client';
import { PlansRepository } from '../plans/plans.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

export function subscriptionView(s: Subscription): SubscriptionView {
  return {
    id: s.id,
    tenantId: s.tenantId,
    consumerId: s.consumerId,
    apiId: s.apiId,
    apiVersionId: s.apiVersionId,
    planId: s.planId,
    status: s.status as SubscriptionStatus,
    reason: s.reason,
    decidedAt: iso(s.decidedAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function ref(s: Subscription) {
  return {
    subscriptionId: s.id,
    consumerId: s.consumerId,
    apiId: s.apiId,
    apiVersionId: s.apiVersionId,
    planId: s.planId,
  };
}

function invalid(field: string, message: string): PorticoError {
  return PorticoError.validation('The request is invalid: 1 problem found.', [{ field, message }]);
}

/**
 * A consumer's access to an API version under a plan. Plans with `subscriptionApproval` make new
 * subscriptions wait for an admin; subscribing again after a rejection or cancellation reuses the row.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repo: SubscriptionsRepository,
    private readonly consumers: ConsumersService,
    private readonly plans: PlansRepository,
    private readonly outbox: Outbox,
  ) {}

  async create(
    scope: AccessScope,
    consumerId: string,
    dto: CreateSubscription,
  ): Promise<SubscriptionView> {
    const sub = await this.outbox.transaction(async (tx, emit) => {
      const consumer = await this.consumers.find(scope, consumerId, tx);
      if (consumer.status === 'rejected' || consumer.status === 'suspended') {
        throw PorticoError.conflict(`Consumer '${consumerId}' is ${consumer.status}.`);
      }
      const planId = dto.planId ?? consumer.planId;
      if (!planId) throw invalid('planId', 'required: the consumer has no plan');
      const plan = dto.planId
        ? await this.plans.findActive(scope.tenantId, planId, tx)
        : await this.plans.find(scope.tenantId, planId, tx);
      if (!plan) throw invalid('planId', `no active plan '${planId}' in this tenant`);
      if (plan.allowedApis.length > 0 && !plan.allowedApis.includes(dto.apiId)) {
        throw invalid('apiId', `plan '${plan.name}' does not include this API`);
      }
      const approved = isTenantManager(scope) || !plan.subscriptionApproval;
      const now = new Date();
      const state = {
        apiId: dto.apiId,
        planId: plan.id,
        status: approved ? 'approved' : 'pending',
        reason: null,
        decidedAt: approved ? now : null,
        decidedBy: approved ? scope.actorId : null,
      } as const;
      const existing = await this.repo.findForVersion(tx, consumerId, dto.apiVersionId);
      let created: Subscription;
      if (existing) {
        const reopened = await this.repo.transition(
          tx,
          scope.tenantId,
          existing.id,
          ['rejected', 'cancelled'],
          state,
        );
        if (!reopened) {
          throw PorticoError.conflict(
            `Consumer '${consumerId}' already has a ${existing.status} subscription to this version.`,
            [{ field: 'apiVersionId', message: `subscription '${existing.id}'` }],
          );
        }
        created = reopened;
      } else {
        created = await this.repo.create(tx, {
          id: newId('sub'),
          tenantId: scope.tenantId,
          consumerId,
          apiVersionId: dto.apiVersionId,
          ...state,
        });
      }
      await emit('consumer.subscription.created', scope.tenantId, created.id, {
        ...ref(created),
        status: created.status,
      });
      if (approved) {
        await emit('consumer.subscription.approved', scope.tenantId, created.id, ref(created));
      }
      return created;
    });
    return subscriptionView(sub);
  }

  async list(scope: AccessScope, q: ListSubscriptionsQuery): Promise<Paginated<SubscriptionView>> {
    const { items, total } = await this.repo.list(scope, q);
    return new Paginated(items.map(subscriptionView), { page: q.page, limit: q.limit, total });
  }

  async get(scope: AccessScope, id: string): Promise<SubscriptionView> {
    const sub = await this.repo.find(scope, id);
    if (!sub) throw PorticoError.notFound('Subscription', id);
    return subscriptionView(sub);
  }

  approve(scope: AccessScope, id: string): Promise<SubscriptionView> {
    return this.decide(scope, id, ['pending'], 'approved', null, (emit, s) =>
      emit('consumer.subscription.approved', scope.tenantId, s.id, ref(s)),
    );
  }

  reject(scope: AccessScope, id: string, reason: string): Promise<SubscriptionView> {
    return this.decide(scope, id, ['pending'], 'rejected', reason, (emit, s) =>
      emit('consumer.subscription.rejected', scope.tenantId, s.id, { ...ref(s), reason }),
    );
  }

  cancel(scope: AccessScope, id: string): Promise<SubscriptionView> {
    return this.decide(scope, id, ['pending', 'approved'], 'cancelled', null, (emit, s) =>
      emit('consumer.subscription.cancelled', scope.tenantId, s.id, ref(s)),
    );
  }

  private async decide(
    scope: AccessScope,
    id: string,
    from: readonly SubscriptionStatus[],
    to: SubscriptionStatus,
    reason: string | null,
    announce: (emit: Emit, s: Subscription) => Promise<void>,
  ): Promise<SubscriptionView> {
    const sub = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.repo.find(scope, id, tx);
      if (!before) throw PorticoError.notFound('Subscription', id);
      const after = await this.repo.transition(tx, scope.tenantId, id, from, {
        status: to,
        reason,
        decidedAt: new Date(),
        decidedBy: scope.actorId,
      });
      if (!after) {
        throw PorticoError.conflict(
          `Subscription '${id}' is ${before.status}; it cannot be ${to}.`,
        );
      }
      await announce(emit, after);
      return after;
    });
    return subscriptionView(sub);
  }
}
