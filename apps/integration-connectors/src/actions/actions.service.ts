import { Injectable } from '@nestjs/common';
import {
  IdPrefix,
  newId,
  PorticoError,
  type ActionAttemptOutcome,
  type ActionInvocationStatus,
  type ActionInvocationView,
  type ActionView,
  type CreateAction,
  type UpdateAction,
} from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { InjectDatabase } from '@portico/platform';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { compileAction } from './compiled-action';

type Row = Prisma.ActionGetPayload<object>;

@Injectable()
export class ActionsService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly guard: EgressGuard,
  ) {}

  async create(tenantId: string, body: CreateAction): Promise<ActionView> {
    await this.validate(tenantId, body);
    const row = await this.db.action.create({
      data: {
        id: newId(IdPrefix.connectorAction),
        tenantId,
        name: body.name,
        eventType: body.eventType,
        filter: body.filter ?? null,
        steps: body.steps as Prisma.InputJsonValue,
        enabled: body.enabled,
      },
    });
    return toView(row);
  }

  async list(tenantId: string, page: { skip: number; take: number }) {
    const where = { tenantId };
    const [rows, total] = await Promise.all([
      this.db.action.findMany({ where, orderBy: { id: 'asc' }, ...page }),
      this.db.action.count({ where }),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(tenantId: string, id: string): Promise<ActionView> {
    return toView(await this.row(tenantId, id));
  }

  async update(tenantId: string, id: string, body: UpdateAction): Promise<ActionView> {
    const current = toView(await this.row(tenantId, id));
    const merged: CreateAction = {
      name: body.name ?? current.name,
      eventType: body.eventType ?? current.eventType,
      steps: body.steps ?? current.steps,
      enabled: body.enabled ?? current.enabled,
      ...((body.filter ?? current.filter) !== undefined
        ? { filter: body.filter ?? current.filter }
        : {}),
    };
    await this.validate(tenantId, merged);
    const row = await this.db.action.update({
      where: { id },
      data: {
        name: merged.name,
        eventType: merged.eventType,
        filter: merged.filter ?? null,
        steps: merged.steps as Prisma.InputJsonValue,
        enabled: merged.enabled,
      },
    });
    return toView(row);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.row(tenantId, id);
    await this.db.action.delete({ where: { id } });
  }

  async invocations(tenantId: string, id: string, page: { skip: number; take: number }) {
    await this.row(tenantId, id);
    const where = { tenantId, actionId: id };
    const [rows, total] = await Promise.all([
      this.db.actionInvocation.findMany({
        where,
        orderBy: { id: 'desc' },
        include: { attempts: { orderBy: { id: 'asc' } } },
        ...page,
      }),
      this.db.actionInvocation.count({ where }),
    ]);
    const items: ActionInvocationView[] = rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      eventType: r.eventType,
      status: r.status as ActionInvocationStatus,
      result: r.result,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt.toISOString(),
      attempts: r.attempts.map((a) => ({
        id: a.id,
        step: a.step,
        attempt: a.attempt,
        endpoint: a.endpoint as ActionInvocationView['attempts'][number]['endpoint'],
        method: a.method,
        url: a.url,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        outcome: a.outcome as ActionAttemptOutcome,
        error: a.error,
        createdAt: a.createdAt.toISOString(),
      })),
    }));
    return { items, total };
  }

  private async row(tenantId: string, id: string): Promise<Row> {
    const row = await this.db.action.findFirst({ where: { tenantId, id } });
    if (!row) throw PorticoError.notFound('Action', id);
    return row;
  }

  private async validate(tenantId: string, body: CreateAction): Promise<void> {
    compileAction(body);
    const names = body.steps.map((s) => s.name);
    if (new Set(names).size !== names.length) {
      throw PorticoError.validation('Step names must be unique.', [
        { field: 'steps', message: 'duplicate name' },
      ]);
    }
    for (const [i, step] of body.steps.entries()) {
      const conn = await this.db.connection.count({ where: { tenantId, id: step.connectionId } });
      if (!conn) {
        throw PorticoError.validation(`Connector '${step.connectionId}' was not found.`, [
          { field: `steps.${i}.connectionId`, message: 'not found' },
        ]);
      }
      if (step.fallback?.type === 'secondary')
        await this.guard.assertAllowed(step.fallback.baseUrl);
    }
  }
}

function toView(r: Row): ActionView {
  return {
    id: r.id,
    name: r.name,
    eventType: r.eventType,
    ...(r.filter ? { filter: r.filter } : {}),
    steps: r.steps as ActionView['steps'],
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
