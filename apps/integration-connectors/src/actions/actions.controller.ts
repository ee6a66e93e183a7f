import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../http/api-docs';
import {
  CreateActionSchema,
  PageQuerySchema,
  pageOffset,
  Paginated,
  UpdateActionSchema,
  type ActionInvocationView,
  type ActionView,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { ActionsService } from './actions.service';

class CreateActionBody extends ZodDto(CreateActionSchema) {}
class UpdateActionBody extends ZodDto(UpdateActionSchema) {}
class PageQuery extends ZodDto(PageQuerySchema) {}

@ApiTags('connector actions')
@Controller('api/v1/connectors/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Roles('admin', 'system')
  @Post()
  @ApiOperation({ summary: 'Call third-party APIs when a Portico event happens' })
  @ApiStatuses(201, 400)
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateActionBody): Promise<ActionView> {
    return this.actions.create(p.tenantId, body);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'List actions' })
  @ApiStatuses(200)
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: PageQuery,
  ): Promise<Paginated<ActionView>> {
    const { items, total } = await this.actions.list(p.tenantId, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @AnyRole()
  @Get(':actionId')
  @ApiOperation({ summary: 'Get an action' })
  @ApiStatuses(200, 404)
  get(@CurrentPrincipal() p: Principal, @Param('actionId') id: string): Promise<ActionView> {
    return this.actions.get(p.tenantId, id);
  }

  @Roles('admin', 'system')
  @Patch(':actionId')
  @ApiOperation({ summary: 'Change an action' })
  @ApiStatuses(200, 400, 404)
  update(
    @CurrentPrincipal() p: Principal,
    @Param('actionId') id: string,
    @Body() body: UpdateActionBody,
  ): Promise<ActionView> {
    return this.actions.update(p.tenantId, id, body);
  }

  @Roles('admin', 'system')
  @Delete(':actionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an action' })
  @ApiStatuses(204, 404)
  async remove(@CurrentPrincipal() p: Principal, @Param('actionId') id: string): Promise<void> {
    await this.actions.remove(p.tenantId, id);
  }

  @AnyRole()
  @Get(':actionId/invocations')
  @ApiOperation({
    summary: 'Invocations of an action with every attempt (cache hits, retries, fallbacks)',
  })
  @ApiStatuses(200, 404)
  async invocations(
    @CurrentPrincipal() p: Principal,
    @Param('actionId') id: string,
    @Query() q: PageQuery,
  ): Promise<Paginated<ActionInvocationView>> {
    const { items, total } = await this.actions.invocations(p.tenantId, id, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }
}
