import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../http/api-docs';
import {
  CreateConnectionSchema,
  PageQuerySchema,
  pageOffset,
  Paginated,
  UpdateConnectionSchema,
  type ConnectionCheckView,
  type ConnectionHealthView,
  type ConnectionView,
  type ConnectorErrorView,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { ErrorHistory } from '../core/error-history';
import { ConnectionsService } from './connections.service';

class CreateConnectionBody extends ZodDto(CreateConnectionSchema) {}
class UpdateConnectionBody extends ZodDto(UpdateConnectionSchema) {}
class PageQuery extends ZodDto(PageQuerySchema) {}

@ApiTags('connectors')
@Controller('api/v1/connectors')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly errors: ErrorHistory,
  ) {}

  @Roles('admin', 'system')
  @Post()
  @ApiOperation({
    summary: 'Create a connector: a definition with credentials, destination and schedule',
  })
  @ApiStatuses(201, 400)
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateConnectionBody,
  ): Promise<ConnectionView> {
    return this.connections.create(p.tenantId, body);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'List connectors (credentials are never returned)' })
  @ApiStatuses(200)
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: PageQuery,
  ): Promise<Paginated<ConnectionView>> {
    const { items, total } = await this.connections.list(p.tenantId, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @AnyRole()
  @Get(':id')
  @ApiOperation({ summary: 'Get a connector' })
  @ApiStatuses(200, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ConnectionView> {
    return this.connections.get(p.tenantId, id);
  }

  @Roles('admin', 'system')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a connector (credentials are replaced when given)' })
  @ApiStatuses(200, 400, 404)
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateConnectionBody,
  ): Promise<ConnectionView> {
    return this.connections.update(p.tenantId, id, body);
  }

  @Roles('admin', 'system')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connector (its destination tables are kept)' })
  @ApiStatuses(204, 404, 409)
  async remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    await this.connections.remove(p.tenantId, id);
  }

  @Roles('admin', 'system')
  @Post(':id/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test credentials, reachability and destination tables without loading anything',
  })
  @ApiStatuses(200, 404)
  check(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ConnectionCheckView> {
    return this.connections.check(p.tenantId, id);
  }

  @AnyRole()
  @Get(':id/errors')
  @ApiOperation({ summary: 'Error history: time, stream, page, HTTP status, kind and message' })
  @ApiStatuses(200, 404)
  async errorHistory(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query() q: PageQuery,
  ): Promise<Paginated<ConnectorErrorView>> {
    await this.connections.row(p.tenantId, id);
    const { items, total } = await this.errors.list(p.tenantId, id, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @AnyRole()
  @Get(':id/health')
  @ApiOperation({
    summary: 'Health summary: totalErrors, by kind, last error, healthy|degraded|failing',
  })
  @ApiStatuses(200, 404)
  async health(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
  ): Promise<ConnectionHealthView> {
    await this.connections.row(p.tenantId, id);
    return this.errors.health(p.tenantId, id);
  }
}
