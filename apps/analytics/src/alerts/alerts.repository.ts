import { Injectable } from '@nestjs/common';
import type { AlertRule, AlertScope, CreateAlertRule, UpdateAlertRule } from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import type { AlertRule as AlertRuleRecord, PrismaClient } from '../generated/prisma/client';

export function toAlertRule(r: AlertRuleRecord): AlertRule {
  return {
    id: r.id,
    name: r.name,
    metric: r.metric as AlertRule['metric'],
    operator: r.operator as AlertRule['operator'],
    threshold: r.threshold,
    windowMinutes: r.windowMinutes,
    scope: r.scope as AlertScope,
    enabled: r.enabled,
    state: r.state as AlertRule['state'],
    lastValue: r.lastValue,
    lastEvaluatedAt: r.lastEvaluatedAt?.toISOString() ?? null,
    stateChangedAt: r.stateChangedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Alert rules; every method is scoped by tenant. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDatabase() private readonly prisma: PrismaClient) {}

  async list(
    tenantId: string,
    skip: number,
    take: number,
  ): Promise<{ rows: AlertRuleRecord[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.alertRule.findMany({
        where: { tenantId },
        orderBy: { createdAt: 'asc' },
        skip,
        take,
      }),
      this.prisma.alertRule.count({ where: { tenantId } }),
    ]);
    return { rows, total };
  }

  get(tenantId: string, id: string): Promise<AlertRuleRecord | null> {
    return this.prisma.alertRule.findFirst({ where: { tenantId, id } });
  }

  create(tenantId: string, id: string, rule: CreateAlertRule): Promise<AlertRuleRecord> {
    return this.prisma.alertRule.create({ data: { id, tenantId, ...rule, scope: rule.scope } });
  }

  /** Changing what a rule watches starts it over: state `ok` (a later breach triggers again). */
  async update(
    tenantId: string,
    id: string,
    patch: UpdateAlertRule,
  ): Promise<AlertRuleRecord | null> {
    const reset = ['metric', 'operator', 'threshold', 'windowMinutes', 'scope'].some(
      (k) => k in patch,
    );
    const { count } = await this.prisma.alertRule.updateMany({
      where: { tenantId, id },
      data: {
        ...patch,
        ...(reset || patch.enabled === false ? { state: 'ok', stateChangedAt: null } : {}),
      },
    });
    return count > 0 ? this.get(tenantId, id) : null;
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.alertRule.deleteMany({ where: { tenantId, id } });
    return count > 0;
  }
}
