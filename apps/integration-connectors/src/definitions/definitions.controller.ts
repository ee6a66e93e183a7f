import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../http/api-docs';
import {
  connectorDefinitionJsonSchema,
  CreateDefinitionSchema,
  PageQuerySchema,
  pageOffset,
  Paginated,
  type DefinitionView,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Public, RawResponse, Roles, ZodDto } from '@portico/platform';
import { DefinitionsService } from './definitions.service';

class ConnectorDefinitionBody extends ZodDto(CreateDefinitionSchema) {}
class PageQuery extends ZodDto(PageQuerySchema) {}

@ApiTags('connector definitions')
@Controller('api/v1/connectors')
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Public()
  @RawResponse()
  @Get('schema')
  @ApiOperation({ summary: 'The JSON Schema connector definitions are validated against' })
  schema(): Record<string, unknown> {
    return connectorDefinitionJsonSchema();
  }

  @Roles('admin', 'system')
  @Post('definitions')
  @ApiOperation({ summary: 'Register a connector definition (JSON object or YAML text)' })
  @ApiStatuses(201, 400, 409)
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: ConnectorDefinitionBody,
  ): Promise<DefinitionView> {
    return this.definitions.create(p.tenantId, body.manifest);
  }

  @AnyRole()
  @Get('definitions')
  @ApiOperation({ summary: 'List connector definitions' })
  @ApiStatuses(200)
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: PageQuery,
  ): Promise<Paginated<DefinitionView>> {
    const { items, total } = await this.definitions.list(p.tenantId, pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @AnyRole()
  @Get('definitions/:id')
  @ApiOperation({ summary: 'Get a connector definition' })
  @ApiStatuses(200, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DefinitionView> {
    return this.definitions.get(p.tenantId, id);
  }

  @Roles('admin', 'system')
  @Put('definitions/:id')
  @ApiOperation({ summary: 'Replace a connector definition (its revision goes up)' })
  @ApiStatuses(200, 400, 404, 409)
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: ConnectorDefinitionBody,
  ): Promise<DefinitionView> {
    return this.definitions.update(p.tenantId, id, body.manifest);
  }

  @Roles('admin', 'system')
  @Delete('definitions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connector definition no connection uses' })
  @ApiStatuses(204, 404, 409)
  async remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    await this.definitions.remove(p.tenantId, id);
  }
}
