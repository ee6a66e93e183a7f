import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiListQuerySchema,
  CreateApiSchema,
  UpdateApiSchema,
  type Paginated,
  type Principal,
  type RegistryApi,
} from '@portico/contracts';
import { CurrentPrincipal, ZodDto } from '@portico/platform';
import { actorOf } from '../common/actor';
import { CanRead, CanWrite } from '../common/roles';
import { ApisService } from './apis.service';

class CreateApiDto extends ZodDto(CreateApiSchema) {}
class UpdateApiDto extends ZodDto(UpdateApiSchema) {}
class ApiListQueryDto extends ZodDto(ApiListQuerySchema) {}

const apiParam = ApiParam({ name: 'api', description: 'API id (api_…) or name' });

@ApiTags('apis')
@Controller('api/v1/apis')
export class ApisController {
  constructor(private readonly apis: ApisService) {}

  @Post()
  @CanWrite()
  @ApiOperation({ summary: 'Register an API' })
  @ApiResponse({ status: 201, description: 'Created; emits registry.api.created.' })
  @ApiResponse({ status: 409, description: 'An API with this name exists in the tenant.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateApiDto): Promise<RegistryApi> {
    return this.apis.create(actorOf(p), body);
  }

  @Get()
  @CanRead()
  @ApiOperation({ summary: 'List APIs (filters: status of a version, tag, search)' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ApiListQueryDto,
  ): Promise<Paginated<RegistryApi>> {
    return this.apis.list(p.tenantId, q);
  }

  @Get(':api')
  @CanRead()
  @apiParam
  @ApiOperation({ summary: 'Get an API with its versions' })
  @ApiResponse({ status: 404, description: 'No such API in your tenant.' })
  get(@CurrentPrincipal() p: Principal, @Param('api') api: string): Promise<RegistryApi> {
    return this.apis.get(p.tenantId, api);
  }

  @Patch(':api')
  @CanWrite()
  @apiParam
  @ApiOperation({ summary: "Change an API's title, description, tags or owner" })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Body() body: UpdateApiDto,
  ): Promise<RegistryApi> {
    return this.apis.update(actorOf(p), api, body);
  }

  @Delete(':api')
  @CanWrite()
  @HttpCode(204)
  @apiParam
  @ApiOperation({ summary: 'Delete an API and its versions (none may be published or deprecated)' })
  @ApiResponse({ status: 409, description: 'A version is still live.' })
  async delete(@CurrentPrincipal() p: Principal, @Param('api') api: string): Promise<void> {
    await this.apis.delete(actorOf(p), api);
  }
}
