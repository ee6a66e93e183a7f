import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../http/api-docs';
import {
  PageQuerySchema,
  pageOffset,
  Paginated,
  type Principal,
  type RunView,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { RunsService } from './runs.service';

class PageQuery extends ZodDto(PageQuerySchema) {}

@ApiTags('connector runs')
@Controller('api/v1/connectors/:id/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Roles('admin', 'system')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a sync run now (409 while one is queued or running)' })
  @ApiStatuses(202, 404, 409)
  trigger(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<RunView> {
    return this.runs.trigger(p.tenantId, id);
  }

  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'Run history: records read/written per stream, pages, retries, duration, status',
  })
  @ApiStatuses(200, 404)
  async list(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query() q: PageQuery,
  ): Promise<Paginated<RunView>> {
    const { items, total } = await this.runs.list(p.tenantId, id, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @AnyRole()
  @Get(':runId')
  @ApiOperation({ summary: 'One run' })
  @ApiStatuses(200, 404)
  get(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('runId') runId: string,
  ): Promise<RunView> {
    return this.runs.get(p.tenantId, id, runId);
  }
}
