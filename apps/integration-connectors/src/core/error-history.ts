import { Injectable } from '@nestjs/common';
import {
  newUlid,
  type ConnectionHealthView,
  type ConnectorErrorKind,
  type ConnectorErrorView,
  type RunStatus,
} from '@portico/contracts';
import { InjectDatabase, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client';

export interface NewConnectorError {
  runId?: string | null;
  actionId?: string | null;
  stream?: string | null;
  page?: string | null;
  httpStatus?: number | null;
  kind: ConnectorErrorKind;
  message: string;
}

const DAY_MS = 86_400_000;
const MAX_MESSAGE = 2000;

/** The error history of each connection (runs and actions) and the health summary built from it. */
@Injectable()
export class ErrorHistory {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Best effort: a failure to record an error must not hide the error itself. */
  async record(tenantId: string, connectionId: string, e: NewConnectorError): Promise<void> {
    try {
      await this.db.connectorError.create({
        data: {
          id: newUlid(),
          tenantId,
          connectionId,
          runId: e.runId ?? null,
          actionId: e.actionId ?? null,
          stream: e.stream ?? null,
          page: e.page ?? null,
          httpStatus: e.httpStatus ?? null,
          kind: e.kind,
          message: e.message.slice(0, MAX_MESSAGE),
        },
      });
    } catch (err) {
      this.logger.warn({ err, connectionId }, 'could not record a connector error');
    }
  }

  async list(
    tenantId: string,
    connectionId: string,
    page: { skip: number; take: number },
  ): Promise<{ items: ConnectorErrorView[]; total: number }> {
    const where = { tenantId, connectionId };
    const [rows, total] = await Promise.all([
      this.db.connectorError.findMany({
        where,
        orderBy: { id: 'desc' },
        skip: page.skip,
        take: page.take,
      }),
      this.db.connectorError.count({ where }),
    ]);
    return { items: rows.map(toView), total };
  }

  /**
   * healthy: the last run succeeded (or none ran) and nothing failed in the last 24 h;
   * degraded: the last run succeeded but errors happened in the last 24 h (retried calls, failed
   * actions, an earlier failed run); failing: the last run failed.
   */
  async health(
    tenantId: string,
    connectionId: string,
    now = new Date(),
  ): Promise<ConnectionHealthView> {
    const where = { tenantId, connectionId };
    const [total, byKind, last, recent, runs] = await Promise.all([
      this.db.connectorError.count({ where }),
      this.db.connectorError.groupBy({ by: ['kind'], where, _count: { _all: true } }),
      this.db.connectorError.findFirst({ where, orderBy: { id: 'desc' } }),
      this.db.connectorError.count({
        where: { ...where, createdAt: { gte: new Date(now.getTime() - DAY_MS) } },
      }),
      this.db.run.findMany({
        where: { ...where, status: { in: ['succeeded', 'failed'] } },
        orderBy: { createdAt: 'desc' },
        take: 20,
        select: { id: true, status: true, finishedAt: true },
      }),
    ]);
    let consecutive = 0;
    for (const r of runs) {
      if (r.status !== 'failed') break;
      consecutive++;
    }
    const lastRun = runs[0];
    const status = lastRun?.status === 'failed' ? 'failing' : recent > 0 ? 'degraded' : 'healthy';
    return {
      status,
      totalErrors: total,
      byKind: Object.fromEntries(byKind.map((k) => [k.kind, k._count._all])),
      lastError: last ? toView(last) : null,
      errorsLast24h: recent,
      consecutiveFailedRuns: consecutive,
      lastRun: lastRun
        ? {
            id: lastRun.id,
            status: lastRun.status as RunStatus,
            finishedAt: lastRun.finishedAt?.toISOString() ?? null,
          }
        : null,
    };
  }
}

function toView(r: {
  id: string;
  createdAt: Date;
  runId: string | null;
  actionId: string | null;
  stream: string | null;
  page: string | null;
  httpStatus: number | null;
  kind: string;
  message: string;
}): ConnectorErrorView {
  return {
    id: r.id,
    time: r.createdAt.toISOString(),
    runId: r.runId,
    actionId: r.actionId,
    stream: r.stream,
    page: r.page,
    httpStatus: r.httpStatus,
    kind: r.kind as ConnectorErrorKind,
    message: r.message,
  };
}
