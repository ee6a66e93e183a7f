import { Injectable } from '@nestjs/common';
import {
  PorticoError,
  type RunStatus,
  type RunTrigger,
  type RunView,
  type StreamRunStats,
} from '@portico/contracts';
import { InjectDatabase } from '@portico/platform';
import { ConnectionsService } from '../connections/connections.service';
import type { PrismaClient } from '../generated/prisma/client';
import { RunScheduler } from './run-scheduler';
import { ActiveRunError, RunStore } from './run-store';

@Injectable()
export class RunsService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly connections: ConnectionsService,
    private readonly store: RunStore,
    private readonly scheduler: RunScheduler,
  ) {}

  /** Queues a manual run (409 while one is queued or running) and wakes the scheduler. */
  async trigger(tenantId: string, connectionId: string): Promise<RunView> {
    const conn = await this.connections.row(tenantId, connectionId);
    if (!conn.enabled) throw PorticoError.conflict('The connector is disabled.');
    if (!conn.destinationSchema) {
      throw PorticoError.conflict('The connector has no destination to sync into.');
    }
    let runId: string;
    try {
      runId = await this.store.enqueue(tenantId, connectionId, 'manual');
    } catch (err) {
      if (err instanceof ActiveRunError) {
        throw PorticoError.conflict(err.message, [
          { field: 'activeRunId', message: conn.activeRunId ?? '' },
        ]);
      }
      throw err;
    }
    this.scheduler.wake();
    return this.get(tenantId, connectionId, runId);
  }

  async list(tenantId: string, connectionId: string, page: { skip: number; take: number }) {
    await this.connections.row(tenantId, connectionId);
    const where = { tenantId, connectionId };
    const [rows, total] = await Promise.all([
      this.db.run.findMany({ where, orderBy: { id: 'desc' }, ...page }),
      this.db.run.count({ where }),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(tenantId: string, connectionId: string, runId: string): Promise<RunView> {
    const row = await this.db.run.findFirst({ where: { tenantId, connectionId, id: runId } });
    if (!row) throw PorticoError.notFound('Run', runId);
    return toView(row);
  }
}

function toView(r: {
  id: string;
  connectionId: string;
  trigger: string;
  status: string;
  recordsRead: number;
  recordsWritten: number;
  pages: number;
  retries: number;
  stats: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}): RunView {
  return {
    id: r.id,
    connectionId: r.connectionId,
    trigger: r.trigger as RunTrigger,
    status: r.status as RunStatus,
    recordsRead: r.recordsRead,
    recordsWritten: r.recordsWritten,
    pages: r.pages,
    retries: r.retries,
    streams: (r.stats ?? {}) as Record<string, StreamRunStats>,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
  };
}
