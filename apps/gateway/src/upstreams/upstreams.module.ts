import { Global, Module } from '@nestjs/common';
import { UPSTREAM_ROUTER } from '../pipeline/contracts';
import { UpstreamRouterService } from './upstream-router.service';

/** Global so the data plane (and the status endpoint) inject UPSTREAM_ROUTER without importing it. */
@Global()
@Module({
  providers: [
    UpstreamRouterService,
    { provide: UPSTREAM_ROUTER, useExisting: UpstreamRouterService },
  ],
  exports: [UPSTREAM_ROUTER, UpstreamRouterService],
})
export class UpstreamsModule {}
