import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  answerGraphRpc,
  CreateConnectionSchema,
  GraphRpcSubject,
  pageOffset,
  PageQuerySchema,
  PorticoError,
  type Role,
} from '@portico/contracts';
import { InjectDatabase, MessagingService, parseWith } from '@portico/platform';
import { z } from 'zod';
import { ConnectionsService } from '../connections/connections.service';
import { ErrorHistory } from '../core/error-history';
import type { PrismaClient } from '../generated/prisma/client';
import { RunsService } from '../runs/runs.service';

/** As the REST routes (connections.controller.ts, runs.controller.ts). */
const ANY: Role[] = ['admin', 'user', 'system', 'auditor', 'consumer'];
const OPERATORS: Role[] = ['admin', 'system'];

const ConnectorRef = z.object({ connectorId: z.string().min(1).max(100) });

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
  parseWith(schema, value, 'arguments');

/** The connectors' side of the gateway's GraphQL API (`connectors.graph.*`), over the REST services. */
@Injectable()
export class GraphRpcService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
    private readonly connections: ConnectionsService,
    private readonly runs: RunsService,
    private readonly errors: ErrorHistory,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const S = GraphRpcSubject;
      await Promise.all([
        answerGraphRpc(m, S.connectors, ANY, async (p, args) => {
          const q = parse(PageQuerySchema, args);
          const { items, total } = await this.connections.list(p.tenantId, pageOffset(q));
          return { items, pagination: { page: q.page, limit: q.limit, total } };
        }),
        answerGraphRpc(m, S.connectorRuns, ANY, async (p, args) => {
          const { connectorId, ...page } = parse(PageQuerySchema.extend(ConnectorRef.shape), args);
          const { items, total } = await this.runs.list(p.tenantId, connectorId, pageOffset(page));
          return { items, pagination: { page: page.page, limit: page.limit, total } };
        }),
        answerGraphRpc(m, S.connectorRun, ANY, async (p, args) => {
          const { runId } = parse(z.object({ runId: z.string().min(1).max(100) }), args);
          const run = await this.db.run.findFirst({
            where: { tenantId: p.tenantId, id: runId },
            select: { connectionId: true },
          });
          if (!run) throw PorticoError.notFound('Run', runId);
          return this.runs.get(p.tenantId, run.connectionId, runId);
        }),
        answerGraphRpc(m, S.connectorErrorSummary, ANY, async (p, args) => {
          const { connectorId } = parse(ConnectorRef, args);
          await this.connections.row(p.tenantId, connectorId);
          return this.errors.health(p.tenantId, connectorId);
        }),
        answerGraphRpc(m, S.createConnection, OPERATORS, (p, args) =>
          this.connections.create(p.tenantId, parse(CreateConnectionSchema, args['input'] ?? {})),
        ),
        answerGraphRpc(m, S.triggerRun, OPERATORS, (p, args) =>
          this.runs.trigger(p.tenantId, parse(ConnectorRef, args).connectorId),
        ),
      ]);
    });
  }
}
