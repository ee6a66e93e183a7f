import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal, ServiceCatalogue } from '@portico/contracts';
import { CurrentPrincipal } from '@portico/platform';
import { CanRead } from '../common/roles';
import { ServicesCatalogueService } from './services-catalogue.service';

@ApiTags('services')
@Controller('api/v1/services')
export class ServicesCatalogueController {
  constructor(private readonly catalogue: ServicesCatalogueService) {}

  @Get()
  @CanRead()
  @ApiOperation({
    summary: 'Upstream services known to discovery, with instances and health',
    description:
      'From Consul (every instance, passing or not) or from static configuration (the response ' +
      'says so). Each service lists the versions of your APIs that route to it.',
  })
  list(@CurrentPrincipal() p: Principal): Promise<ServiceCatalogue> {
    return this.catalogue.catalogue(p.tenantId);
  }
}
