import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal, RouteSnapshot } from '@portico/contracts';
import { CurrentPrincipal, Roles } from '@portico/platform';
import { RouteTableService } from './route-table.service';

@ApiTags('route-table')
@Controller('api/v1/route-table')
export class RouteTableController {
  constructor(private readonly table: RouteTableService) {}

  @Get()
  @Roles('admin', 'system')
  @ApiOperation({
    summary: "Your tenant's compiled route table, as gateways load it",
    description:
      'Published, deprecated and retired versions with effective policies and the registry-wide ' +
      'revision. Gateways get every tenant over NATS request-reply (registry.snapshot.get).',
  })
  get(@CurrentPrincipal() p: Principal): Promise<RouteSnapshot> {
    return this.table.snapshot(p.tenantId);
  }
}
