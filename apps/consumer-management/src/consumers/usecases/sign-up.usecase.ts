import { Injectable } from '@nestjs/common';
import {
  type ConsumerSignUp,
  type ConsumerView,
  type CreatedApiKey,
  PorticoError,
} from '@portico/contracts';
import { Outbox } from '../../common/outbox.service';
import { KeysService } from '../../keys/keys.service';
import { TenantsRepository } from '../../tenants/tenants.repository';
import { consumerView } from '../consumer-view';
import { ConsumersService } from '../consumers.service';

export interface SignUpResult {
  consumer: ConsumerView;
  /** The consumer's first API key, shown once; it works once the consumer is approved. */
  key: CreatedApiKey;
}

/**
 * Self-service sign-up: a pending consumer (approved at once when its plan auto-approves) and its
 * first API key, in one transaction.
 */
@Injectable()
export class SignUpConsumer {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly consumers: ConsumersService,
    private readonly keys: KeysService,
    private readonly outbox: Outbox,
  ) {}

  async execute(dto: ConsumerSignUp): Promise<SignUpResult> {
    const tenant = await this.tenants.findActiveByHandle(dto.tenant);
    if (!tenant) throw PorticoError.notFound('Tenant', dto.tenant);
    if (!tenant.selfSignup) {
      throw PorticoError.forbidden('This tenant does not accept self-service sign-ups.');
    }
    const plan = await this.consumers.resolvePlan(tenant.id, dto.planId);
    return this.outbox.transaction(async (tx, emit) => {
      const consumer = await this.consumers.insert(tx, emit, {
        tenantId: tenant.id,
        ownerUserId: null,
        dto,
        plan,
        status: plan?.autoApprove ? 'approved' : 'pending',
        decidedBy: null,
      });
      const key = await this.keys.createInTx(
        tx,
        emit,
        tenant.id,
        { kind: 'consumer', consumerId: consumer.id },
        { name: 'default', scopes: [], allowedApis: [], allowedIps: [], expiresAt: null },
        consumer.id,
      );
      return { consumer: consumerView(consumer), key };
    });
  }
}
