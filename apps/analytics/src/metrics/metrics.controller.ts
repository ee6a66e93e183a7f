import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AnalyticsMetricsReport,
  AnalyticsMetricsQuerySchema,
  AnalyticsMetricsReportSchema,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, ZodDto } from '@portico/platform';
import { ApiEnvelopeResponse } from '../shared/openapi';
import { MetricsService } from './metrics.service';

class MetricsQuery extends ZodDto(AnalyticsMetricsQuerySchema) {}

@ApiTags('metrics')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Traffic metrics of your tenant',
    description:
      'Totals, latency percentiles (DDSketch, within 1%), top errors, endpoints and consumers, and a series. ' +
      'Ranges are whole buckets ending with the current one: 15m and 1h by minute, 24h by hour, 7d in 6-hour ' +
      'steps, 30d by day. `service` is an API name, `api` an API id. Callers with the consumer role see their own traffic.',
  })
  @ApiEnvelopeResponse(AnalyticsMetricsReportSchema, 'The metrics report.')
  get(@CurrentPrincipal() p: Principal, @Query() q: MetricsQuery): Promise<AnalyticsMetricsReport> {
    return this.metrics.report(p, q);
  }
}
