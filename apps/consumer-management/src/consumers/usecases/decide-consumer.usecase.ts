import { Injectable } from '@nestjs/common';
import { type ConsumerStatus, type ConsumerView, PorticoError } from '@portico/contracts';
import type { AccessScope } from '../../common/access-scope';
import { Outbox } from '../../common/outbox.service';
import { consumerRef, consumerView } from '../consumer-view';
import { ConsumersRepository } from '../consumers.repository';
import { ConsumersService } from '../consumers.service';

export type ConsumerDecision =
  | { action: 'approve'; planId?: string }
  | { action: 'reject'; reason: string }
  | { action: 'suspend'; reason?: string };

/** The onboarding state machine: pending → approved | rejected; approved ⇄ suspended. */
const FROM: Record<ConsumerDecision['action'], readonly ConsumerStatus[]> = {
  approve: ['pending', 'suspended'],
  reject: ['pending'],
  suspend: ['approved'],
};
const TO: Record<ConsumerDecision['action'], ConsumerStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
};

/** An admin's decision on a consumer, with its event, atomically. */
@Injectable()
export class DecideConsumer {
  constructor(
    private readonly repo: ConsumersRepository,
    private readonly consumers: ConsumersService,
    private readonly outbox: Outbox,
  ) {}

  async execute(scope: AccessScope, id: string, d: ConsumerDecision): Promise<ConsumerView> {
    const consumer = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.consumers.find(scope, id, tx);
      const now = new Date();
      const data: Parameters<ConsumersRepository['transition']>[4] = {
        status: TO[d.action],
        decidedBy: scope.actorId,
        statusReason: d.action === 'approve' ? null : (d.reason ?? null),
      };
      if (d.action === 'approve') {
        data.approvedAt = now;
        if (d.planId)
          data.planId = (await this.consumers.resolvePlan(scope.tenantId, d.planId, tx))!.id;
      }
      const after = await this.repo.transition(tx, scope.tenantId, id, FROM[d.action], data);
      if (!after) {
        throw PorticoError.conflict(
          `Consumer '${id}' is ${before.status}; it cannot be ${TO[d.action]} from there.`,
          [{ field: 'status', message: `allowed from: ${FROM[d.action].join(', ')}` }],
        );
      }
      const ref = consumerRef(after);
      if (d.action === 'approve') {
        await emit('consumer.approved', scope.tenantId, id, {
          ...ref,
          previousStatus: before.status,
        });
      } else if (d.action === 'reject') {
        await emit('consumer.rejected', scope.tenantId, id, { ...ref, reason: d.reason });
      } else {
        await emit('consumer.suspended', scope.tenantId, id, {
          ...ref,
          ...(d.reason ? { reason: d.reason } : {}),
        });
      }
      return after;
    });
    return consumerView(consumer);
  }
}
