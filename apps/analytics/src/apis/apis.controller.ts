import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AnalyticsApiReport,
  AnalyticsApiQuerySchema,
  AnalyticsApiReportSchema,
  type ApiHealthReport,
  ApiHealthReportSchema,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, ZodDto } from '@portico/platform';
import { ApiEnvelopeResponse } from '../shared/openapi';
import { ApiReportService } from './api-report.service';
import { HealthService } from './health.service';

class ApiQuery extends ZodDto(AnalyticsApiQuerySchema) {}

@ApiTags('analytics')
@Controller('api/v1/analytics')
export class ApisController {
  constructor(
    private readonly reports: ApiReportService,
    private readonly health: HealthService,
  ) {}

  @Get('health')
  @AnyRole()
  @ApiOperation({
    summary: 'Health of your APIs over the last hour',
    description:
      'Per API and route: CRITICAL when the average response time is over 5,000 ms, WARNING over 2,000 ms, ' +
      'ERROR when more than 10% of requests failed (status >= 400), else HEALTHY. APIs without traffic in the hour are not listed.',
  })
  @ApiEnvelopeResponse(ApiHealthReportSchema, 'The health report.')
  report(@CurrentPrincipal() p: Principal): Promise<ApiHealthReport> {
    return this.health.report({ tenantId: p.tenantId });
  }

  @Get('apis/:id')
  @AnyRole()
  @ApiOperation({
    summary: "One API's analytics",
    description:
      'The metrics report narrowed to the API, with its versions, routes and health over the last hour.',
  })
  @ApiEnvelopeResponse(AnalyticsApiReportSchema, 'The API report.')
  @ApiNotFoundResponse({ description: 'No traffic of this API was ever recorded in your tenant.' })
  api(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query() q: ApiQuery,
  ): Promise<AnalyticsApiReport> {
    return this.reports.report(p, id, q.timeRange);
  }
}
