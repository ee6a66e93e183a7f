import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateRouteSchema,
  PolicySetSchema,
  UpdateRouteSchema,
  type PolicySet,
  type Principal,
  type RegistryRoute,
} from '@portico/contracts';
import { CurrentPrincipal, ZodDto } from '@portico/platform';
import { actorOf } from '../common/actor';
import { CanRead, CanWrite } from '../common/roles';
import { RoutesService } from './routes.service';

class CreateRouteDto extends ZodDto(CreateRouteSchema) {}
class UpdateRouteDto extends ZodDto(UpdateRouteSchema) {}
class PolicySetDto extends ZodDto(PolicySetSchema) {}

const params = [
  ApiParam({ name: 'api', description: 'API id (api_…) or name' }),
  ApiParam({ name: 'version', description: 'Version (v1, 1.2.0) or id (ver_…)' }),
];
const withParams = (): MethodDecorator => (target, key, descriptor) => {
  for (const d of params) d(target, key, descriptor);
};

@ApiTags('routes')
@Controller('api/v1/apis/:api/versions/:version/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Post()
  @CanWrite()
  @withParams()
  @ApiOperation({ summary: 'Add a route (emits registry.route.changed)' })
  @ApiResponse({
    status: 409,
    description: 'A route matches the same requests, or the version is retired.',
  })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Body() body: CreateRouteDto,
  ): Promise<RegistryRoute> {
    return this.routes.create(actorOf(p), api, version, body);
  }

  @Get()
  @CanRead()
  @withParams()
  @ApiOperation({ summary: 'List the routes of a version with their effective policies' })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
  ): Promise<RegistryRoute[]> {
    return this.routes.list(p.tenantId, api, version);
  }

  @Get(':route')
  @CanRead()
  @withParams()
  @ApiOperation({ summary: 'Get a route' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Param('route') route: string,
  ): Promise<RegistryRoute> {
    return this.routes.get(p.tenantId, api, version, route);
  }

  @Patch(':route')
  @CanWrite()
  @withParams()
  @ApiOperation({ summary: 'Change a route' })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Param('route') route: string,
    @Body() body: UpdateRouteDto,
  ): Promise<RegistryRoute> {
    return this.routes.update(actorOf(p), api, version, route, body);
  }

  @Delete(':route')
  @CanWrite()
  @HttpCode(204)
  @withParams()
  @ApiOperation({ summary: 'Remove a route' })
  async delete(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Param('route') route: string,
  ): Promise<void> {
    await this.routes.delete(actorOf(p), api, version, route);
  }

  @Get(':route/policies')
  @CanRead()
  @withParams()
  @ApiOperation({ summary: "The route's policy overrides" })
  async policies(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Param('route') route: string,
  ): Promise<PolicySet> {
    return (await this.routes.get(p.tenantId, api, version, route)).policies;
  }

  @Put(':route/policies')
  @CanWrite()
  @withParams()
  @ApiOperation({
    summary: "Replace the route's overrides ({} inherits everything from the version)",
  })
  async setPolicies(
    @CurrentPrincipal() p: Principal,
    @Param('api') api: string,
    @Param('version') version: string,
    @Param('route') route: string,
    @Body() body: PolicySetDto,
  ): Promise<PolicySet> {
    return (await this.routes.setPolicies(actorOf(p), api, version, route, body)).policies;
  }
}
