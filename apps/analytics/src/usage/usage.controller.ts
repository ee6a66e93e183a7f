import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AnalyticsUsageQuerySchema,
  AnalyticsUsageRowSchema,
  pageOffset,
  type Principal,
  type SuccessEnvelope,
  successList,
  type AnalyticsUsageRow,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, RawResponse, ZodDto } from '@portico/platform';
import { NO_CONSUMER } from '../metrics/metrics.service';
import { CLOCK, type Clock } from '../shared/clock';
import { ApiEnvelopeResponse } from '../shared/openapi';
import { billingPeriod } from '../shared/time';
import { toCsv } from './csv';
import { UsageRepository } from './usage.repository';

class UsageQuery extends ZodDto(AnalyticsUsageQuerySchema) {}

/** What we use of Fastify's reply. */
interface Reply {
  header(name: string, value: string): Reply;
}

const CSV_HEADER = [
  'period',
  'consumerId',
  'requests',
  'successful',
  'failed',
  'bytesIn',
  'bytesOut',
  'planId',
  'quotaPerMonth',
  'quotaUsed',
] as const;

@ApiTags('analytics')
@Controller('api/v1/analytics/usage')
export class UsageController {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @AnyRole()
  @RawResponse()
  @ApiOperation({
    summary: 'Usage per consumer per billing period (for invoicing)',
    description:
      'Exact request counts per consumer for a calendar month (UTC; default the current one). ' +
      '`format=csv` returns every row as text/csv (no pagination). Callers with the consumer role see their own row.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiEnvelopeResponse(AnalyticsUsageRowSchema, 'Usage rows, most requests first.', { list: true })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: UsageQuery,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<SuccessEnvelope<AnalyticsUsageRow[]> | string> {
    const period = q.period ?? billingPeriod(this.clock.now().getTime());
    const consumer = p.role === 'consumer' ? (p.consumerId ?? NO_CONSUMER) : q.consumer;
    if (q.format === 'csv') {
      const { rows } = await this.usage.page(p.tenantId, period, consumer, null);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="usage-${period}.csv"`);
      return toCsv(
        CSV_HEADER,
        rows.map((r) => CSV_HEADER.map((h) => r[h])),
      );
    }
    const { rows, total } = await this.usage.page(p.tenantId, period, consumer, pageOffset(q));
    return successList(rows, { page: q.page, limit: q.limit, total });
  }
}
