import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateApiVersionSchema,
  DeprecateApiVersionSchema,
  OpenApiFormatQuerySchema,
  PolicySetSchema,
  UpdateApiVersionSchema,
  VersionListQuerySchema,
  type Paginated,
  type PolicySet,
  type Principal,
  type RegistryApiVersion,
} from '@portico/contracts';
import { CurrentPrincipal, RawResponse, ZodDto } from '@portico/platform';
import { stringify as toYaml } from 'yaml';
import { actorOf } from '../common/actor';
import { CanRead, CanWrite } from '../common/roles';
import { VersionsService } from './versions.service';

class CreateVersionDto extends ZodDto(CreateApiVersionSchema) {}
class UpdateVersionDto extends ZodDto(UpdateApiVersionSchema) {}
class DeprecateDto extends ZodDto(DeprecateApiVersionSchema) {}
class VersionListQueryDto extends ZodDto(VersionListQuerySchema) {}
class PolicySetDto extends ZodDto(PolicySetSchema) {}
class OpenApiFormatDto extends ZodDto(OpenApiFormatQuerySchema) {}

const apiParam = ApiParam({ name: 'api', description: 'API id (api_…) or name' });
const versionParam = ApiParam({
  name: 'version',
  description: 'Version (v1, 1.2.0) or id (ver_…)',
});
const conflict = ApiResponse({
  status: 409,
  description: 'Not allowed in the current state; the error names the allowed next states.',
});

@ApiTags('versions')
@Controller('api/v1/apis/:api/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Post()
  @CanWrite()
  @apiParam
  @ApiOperation({ summary: 'Create a draft version with its upstream, policies and routes' })
  @ApiResponse({ status: 201, description: 'Created as draft; emits registry.version.created.' })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Body() body: CreateVersionDto,
  ): Promise<RegistryApiVersion> {
    return this.versions.create(actorOf(p), api, body);
  }

  @Get()
  @CanRead()
  @apiParam
  @ApiOperation({ summary: "List an API's versions (filter: status)" })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Query() q: VersionListQueryDto,
  ): Promise<Paginated<RegistryApiVersion>> {
    return this.versions.list(p.tenantId, api, q);
  }

  @Get(':version')
  @CanRead()
  @apiParam
  @versionParam
  @ApiOperation({ summary: 'Get a version with its routes and their effective policies' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<RegistryApiVersion> {
    return this.versions.get(p.tenantId, api, version);
  }

  @Patch(':version')
  @CanWrite()
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({ summary: 'Change upstream, policies or (drafts only) basePath' })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Body() body: UpdateVersionDto,
  ): Promise<RegistryApiVersion> {
    return this.versions.update(actorOf(p), api, version, body);
  }

  @Delete(':version')
  @CanWrite()
  @HttpCode(204)
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({ summary: 'Delete a draft or retired version' })
  async delete(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<void> {
    await this.versions.delete(actorOf(p), api, version);
  }

  @Get(':version/policies')
  @CanRead()
  @apiParam
  @versionParam
  @ApiOperation({ summary: "The version's policies (routes inherit them)" })
  async policies(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<PolicySet> {
    return (await this.versions.get(p.tenantId, api, version)).policies;
  }

  @Put(':version/policies')
  @CanWrite()
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({ summary: "Replace the version's policies (validated; a 400 names the field)" })
  async setPolicies(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Body() body: PolicySetDto,
  ): Promise<PolicySet> {
    return (await this.versions.setPolicies(actorOf(p), api, version, body)).policies;
  }

  @Post(':version/publish')
  @CanWrite()
  @HttpCode(200)
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({ summary: 'draft → published: the gateway starts serving it' })
  publish(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<RegistryApiVersion> {
    return this.versions.publish(actorOf(p), api, version);
  }

  @Post(':version/deprecate')
  @CanWrite()
  @HttpCode(200)
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({
    summary: 'published → deprecated, with a future sunsetAt and optional successor',
  })
  deprecate(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Body() body: DeprecateDto,
  ): Promise<RegistryApiVersion> {
    return this.versions.deprecate(actorOf(p), api, version, body);
  }

  @Post(':version/retire')
  @CanWrite()
  @HttpCode(200)
  @apiParam
  @versionParam
  @conflict
  @ApiOperation({ summary: 'deprecated → retired: the gateway answers 410 Gone' })
  retire(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<RegistryApiVersion> {
    return this.versions.retire(actorOf(p), api, version);
  }

  @Get(':version/openapi')
  @CanRead()
  @RawResponse()
  @apiParam
  @versionParam
  @ApiProduces('application/json', 'application/yaml')
  @ApiOperation({ summary: 'The imported OpenAPI document, as JSON or YAML' })
  @ApiResponse({
    status: 404,
    description: 'No such version, or it was not imported from OpenAPI.',
  })
  async openapi(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Query() q: OpenApiFormatDto,
    @Res({ passthrough: true }) res: { header(name: string, value: string): unknown },
  ): Promise<unknown> {
    const doc = await this.versions.openapi(p.tenantId, api, version);
    if (q.format === 'yaml') {
      res.header('content-type', 'application/yaml; charset=utf-8');
      return toYaml(doc, { aliasDuplicateObjects: false });
    }
    res.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(doc, null, 2);
  }
}
