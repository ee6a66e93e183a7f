import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, SERVICE_INFO, type ServiceInfo } from '@portico/platform';
import { RouteTableStore } from '../routing/route-table.store';
import { StatusService, type Health } from './status.service';

/** The suite's public status page data, served by the gateway itself (never proxied). */
@ApiTags('status')
@Public()
@Controller('api/v1')
export class StatusController {
  constructor(
    private readonly status: StatusService,
    private readonly routes: RouteTableStore,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'Overall and per-service status of the suite',
    description:
      '`healthy` when every service is, `down` when none answers, else `degraded`. Each service ' +
      "has its last probe's response time, when it was checked, the share of probes that found " +
      'it up since this gateway started (`uptime`, percent) and its version when discovery knows it.',
  })
  @ApiOkResponse({ description: 'The cached result of the latest probes.' })
  async get(): Promise<unknown> {
    const suite = await this.status.status();
    const table = this.routes.current();
    return {
      status: suite.status,
      gateway: {
        version: this.info.version,
        uptimeSeconds: Math.round((Date.now() - this.info.startedAt.getTime()) / 1000),
        routeTable: {
          loaded: this.routes.ready,
          revision: table.revision,
          routes: table.routeCount,
        },
      },
      services: suite.services,
    };
  }

  @Get('health')
  @ApiOperation({ summary: 'Health of each service and of the suite as a whole' })
  @ApiOkResponse({ description: '`status` is healthy, degraded or down.' })
  async health(): Promise<{ status: Health; services: Record<string, Health> }> {
    const suite = await this.status.status();
    return {
      status: suite.status,
      services: Object.fromEntries(suite.services.map((s) => [s.name, s.status])),
    };
  }
}
