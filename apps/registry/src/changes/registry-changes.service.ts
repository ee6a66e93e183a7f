import { Injectable } from '@nestjs/common';
import { createCloudEvent, EventCatalogue, eventSubject, newId } from '@portico/contracts';
import { InjectConfig, InjectDatabase } from '@portico/platform';
import type { Actor } from '../common/actor';
import type { RegistryConfig } from '../config';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { ChangeSet } from './change-set';
import { RECORD_CHANGE_SQL } from './record-sql';
import { RegistryOutbox } from './registry-outbox';
import { busy, isOverload, isWriteConflict, WriteGate } from './write-gate';

/** Runs of a transaction that hit a serialization failure or deadlock, before giving up (503). */
const WRITE_ATTEMPTS = 4;
/** How long a write may wait for its turn, like Prisma's maxWait for a transaction. */
const WRITE_QUEUE_WAIT_MS = 10_000;

const REVISION_SQL = `SELECT CAST(revision AS text) AS revision FROM registry_state WHERE id = 1`;

export interface Committed<T> {
  result: T;
  /** The revision after this change (unchanged when nothing changed). */
  revision: number;
}

@Injectable()
export class RegistryChanges {
  private readonly gate: WriteGate;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly outbox: RegistryOutbox,
    @InjectConfig() config: RegistryConfig,
  ) {
    // Half the pool for writers leaves the other half to reads and the outbox relay.
    this.gate = new WriteGate(
      Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 2)),
      WRITE_QUEUE_WAIT_MS,
    );
  }

  /**
   * Runs `work` in one transaction; whatever it records in the ChangeSet is written in that same
   * transaction: one revision per event, the events to the outbox, the audit entries.
   */
  async apply<T>(
    actor: Actor,
    work: (tx: Prisma.TransactionClient, changes: ChangeSet) => Promise<T>,
  ): Promise<Committed<T>> {
    const committed = await this.gate.run(() => this.transactWithRetry(actor, work));
    if (committed.events > 0) this.outbox.notify();
    return { result: committed.result, revision: committed.revision };
  }

  async revision(): Promise<number> {
    return currentRevision(this.db);
  }

  /**
   * A serialization failure or deadlock rolled everything back, so running `work` again is safe;
   * overload (no connection or transaction in time) wrote nothing either: both end as a 503.
   */
  private async transactWithRetry<T>(
    actor: Actor,
    work: (tx: Prisma.TransactionClient, changes: ChangeSet) => Promise<T>,
  ): Promise<{ result: T; revision: number; events: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transact(actor, work);
      } catch (e) {
        if (isWriteConflict(e) && attempt < WRITE_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
          continue;
        }
        if (isWriteConflict(e)) throw busy('Concurrent changes kept conflicting; retry.', e);
        if (isOverload(e)) throw busy('The registry database is busy; retry shortly.', e);
        throw e;
      }
    }
  }

  private async transact<T>(
    actor: Actor,
    work: (tx: Prisma.TransactionClient, changes: ChangeSet) => Promise<T>,
  ): Promise<{ result: T; revision: number; events: number }> {
    return this.db.$transaction(
      async (tx) => {
        const changes = new ChangeSet();
        const result = await work(tx, changes);
        if (changes.empty) return { result, revision: await currentRevision(tx), events: 0 };
        const revision = await this.record(tx, actor, changes);
        return { result, revision, events: changes.events.length };
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
  }

  private async record(
    tx: Prisma.TransactionClient,
    actor: Actor,
    changes: ChangeSet,
  ): Promise<number> {
    if (changes.events.length === 0) {
      // Every change must be announced, or gateways could not tell they are behind.
      throw new Error('a registry change recorded audit entries without an event');
    }
    const n = changes.events.length;
    const events = changes.events.map((e, i) => {
      const event = createCloudEvent({
        source: 'registry',
        type: e.type,
        tenantId: actor.tenantId,
        subject: e.subject,
        data: EventCatalogue[e.type].data.parse(e.data),
      });
      return {
        ord: i + 1,
        type: e.type,
        subject: eventSubject(e.type),
        tenant_id: actor.tenantId,
        payload: event,
      };
    });
    const audits = changes.audits.map((a) => ({
      id: newId('aud'),
      tenant_id: actor.tenantId,
      actor_id: actor.actorId,
      actor_role: actor.role,
      action: a.action,
      entity_type: a.entityType,
      entity_id: a.entityId,
      api_id: a.apiId,
      before: a.before ?? null,
      after: a.after ?? null,
      request_id: actor.requestId,
    }));
    const [row] = await tx.$queryRawUnsafe<Array<{ revision: string }>>(
      RECORD_CHANGE_SQL,
      n,
      JSON.stringify(events),
      JSON.stringify(audits),
    );
    const last = Number(row!.revision);
    return last;
  }
}

async function currentRevision(db: Prisma.TransactionClient | PrismaClient): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ revision: string }>>(REVISION_SQL);
  return rows.length === 0 ? 0 : Number(rows[0]!.revision);
}
