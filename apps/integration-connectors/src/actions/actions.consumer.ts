import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isCloudEvent, type CloudEvent } from '@portico/contracts';
import type { DurableMessage, Stoppable } from '@portico/messaging';
import { InjectConfig, InjectDatabase, MessagingService } from '@portico/platform';
import type { IntegrationConnectorsConfig } from '../config';
import type { PrismaClient } from '../generated/prisma/client';
import { ActionRunner } from './action-runner';
import { matchesEventType } from './compiled-action';

export const ACTIONS_DURABLE = 'integration-connectors-actions';

/**
 * Consumes every domain event durably (one consumer shared by all instances) and runs the matching
 * actions of the event's tenant. A batch is acked once its invocations are recorded; a redelivered
 * event finds its invocation and is skipped (dedupe on event id).
 */
@Injectable()
export class ActionsConsumer implements OnModuleInit {
  private consumer: Stoppable | undefined;

  constructor(
    private readonly messaging: MessagingService,
    private readonly runner: ActionRunner,
    @InjectDatabase() private readonly db: PrismaClient,
    @InjectConfig() private readonly config: IntegrationConnectorsConfig,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      this.consumer = m.consumeDurable({
        stream: 'PORTICO_EVENTS',
        durable: ACTIONS_DURABLE,
        filterSubjects: ['portico.events.>'],
        batchSize: 50,
        maxWaitMs: 1000,
        handler: (batch) => this.handle(batch),
      });
    });
    this.messaging.onShutdown(() => this.consumer?.stop());
  }

  private async handle(batch: DurableMessage[]): Promise<void> {
    const events = batch.map((m) => m.json<unknown>()).filter(isCloudEvent) as CloudEvent[];
    const tenants = [...new Set(events.map((e) => e.tenantid))];
    if (tenants.length === 0) return;
    const actions = await this.db.action.findMany({
      where: { tenantId: { in: tenants }, enabled: true },
    });
    if (actions.length === 0) return;
    const work: Array<() => Promise<void>> = [];
    for (const event of events) {
      const matching = actions.filter(
        (a) => a.tenantId === event.tenantid && matchesEventType(a.eventType, event.type),
      );
      if (matching.length === 0) continue;
      const done = await this.db.actionInvocation.findMany({
        where: { eventId: event.id, actionId: { in: matching.map((a) => a.id) } },
        select: { actionId: true },
      });
      const skip = new Set(done.map((d) => d.actionId));
      for (const action of matching.filter((a) => !skip.has(a.id))) {
        work.push(async () => {
          await this.runner.run(action, event);
        });
      }
    }
    await runLimited(work, this.config.CONNECTORS_ACTIONS_CONCURRENCY);
  }
}

/** Runs the tasks with at most `limit` at a time; rejects (so the batch is redelivered) if one fails. */
async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  });
  await Promise.all(lanes);
}
