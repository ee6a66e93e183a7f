import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AlertRule,
  AlertRuleSchema,
  CreateAlertRuleSchema,
  IdPrefix,
  newId,
  Paginated,
  pageOffset,
  PageQuerySchema,
  PorticoError,
  type Principal,
  UpdateAlertRuleSchema,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { ApiEnvelopeResponse } from '../shared/openapi';
import { AlertsRepository, toAlertRule } from './alerts.repository';

class CreateAlertRuleDto extends ZodDto(CreateAlertRuleSchema) {}
class UpdateAlertRuleDto extends ZodDto(UpdateAlertRuleSchema) {}
class AlertPageQuery extends ZodDto(PageQuerySchema) {}

@ApiTags('alerts')
@Controller('api/v1/analytics/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsRepository) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Alert rules of your tenant' })
  @ApiEnvelopeResponse(AlertRuleSchema, 'Alert rules, oldest first.', { list: true })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: AlertPageQuery,
  ): Promise<Paginated<AlertRule>> {
    const { skip, take } = pageOffset(q);
    const { rows, total } = await this.alerts.list(p.tenantId, skip, take);
    return new Paginated(rows.map(toAlertRule), { page: q.page, limit: q.limit, total });
  }

  @Post()
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Create an alert rule',
    description:
      'When the metric over the last `windowMinutes` crosses the threshold, `analytics.alert.triggered` is ' +
      'emitted once; when it goes back, `analytics.alert.resolved`. Rules are evaluated every ANALYTICS_ALERT_INTERVAL_MS.',
  })
  @ApiEnvelopeResponse(AlertRuleSchema, 'The rule.')
  async create(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateAlertRuleDto,
  ): Promise<AlertRule> {
    return toAlertRule(await this.alerts.create(p.tenantId, newId(IdPrefix.alert), body));
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'An alert rule and its state' })
  @ApiEnvelopeResponse(AlertRuleSchema, 'The rule.')
  @ApiNotFoundResponse({ description: 'No such rule in your tenant.' })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<AlertRule> {
    const rule = await this.alerts.get(p.tenantId, id);
    if (!rule) throw PorticoError.notFound('Alert rule', id);
    return toAlertRule(rule);
  }

  @Patch(':id')
  @Roles('admin', 'system')
  @ApiOperation({ summary: 'Change an alert rule (a changed condition starts over in state ok)' })
  @ApiEnvelopeResponse(AlertRuleSchema, 'The rule.')
  @ApiNotFoundResponse({ description: 'No such rule in your tenant.' })
  async update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateAlertRuleDto,
  ): Promise<AlertRule> {
    const rule = await this.alerts.update(p.tenantId, id, body);
    if (!rule) throw PorticoError.notFound('Alert rule', id);
    return toAlertRule(rule);
  }

  @Delete(':id')
  @Roles('admin', 'system')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alert rule' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such rule in your tenant.' })
  async remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.alerts.remove(p.tenantId, id))) throw PorticoError.notFound('Alert rule', id);
  }
}
