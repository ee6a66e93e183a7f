import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AnalyticsMetricsQuerySchema,
  answerGraphRpc,
  GraphRpcSubject,
  type Role,
} from '@portico/contracts';
import { MessagingService, parseWith } from '@portico/platform';
import { MetricsService } from '../metrics/metrics.service';

/** As `GET /api/v1/metrics`: everyone authenticated; consumers see their own traffic. */
const ANY: Role[] = ['admin', 'user', 'system', 'auditor', 'consumer'];

/** analytics' side of the gateway's GraphQL API (`analytics.graph.*`). */
@Injectable()
export class GraphRpcService implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingService,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      await answerGraphRpc(m, GraphRpcSubject.analyticsMetrics, ANY, (p, args) =>
        this.metrics.report(p, parseWith(AnalyticsMetricsQuerySchema, args, 'arguments')),
      );
    });
  }
}
