import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateTenantSchema,
  type Paginated,
  PageQuerySchema,
  type Principal,
  type TenantView,
  UpdateTenantSchema,
} from '@portico/contracts';
import { CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { type CreatedTenant, TenantsService } from './tenants.service';

class CreateTenantDto extends ZodDto(CreateTenantSchema) {}
class UpdateTenantDto extends ZodDto(UpdateTenantSchema) {}
class TenantsPageDto extends ZodDto(PageQuerySchema) {}

@ApiTags('Tenants')
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a tenant with its first admin (operators: admins of the default tenant)',
    description: "The answer holds the first admin's API key (`adminKey.key`), shown once.",
  })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateTenantDto): Promise<CreatedTenant> {
    return this.tenants.create(scopeOf(p), body);
  }

  @Get()
  @Roles('admin', 'system', 'auditor')
  @ApiOperation({ summary: 'Tenants you can see (operators: all; others: their own)' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: TenantsPageDto,
  ): Promise<Paginated<TenantView>> {
    return this.tenants.list(scopeOf(p), q);
  }

  @Get(':tenantId')
  @Roles('admin', 'user', 'system', 'auditor')
  @ApiOperation({ summary: 'One tenant' })
  get(@CurrentPrincipal() p: Principal, @Param('tenantId') id: string): Promise<TenantView> {
    return this.tenants.get(scopeOf(p), id);
  }

  @Patch(':tenantId')
  @Roles('admin')
  @ApiOperation({
    summary: 'Rename a tenant, toggle self-service sign-up, or (operators) suspend it',
    description: "A suspended tenant's keys and tokens stop working at once.",
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('tenantId') id: string,
    @Body() body: UpdateTenantDto,
  ): Promise<TenantView> {
    return this.tenants.update(scopeOf(p), id, body);
  }
}
