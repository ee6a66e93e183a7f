import { Module } from '@nestjs/common';
import { DataPlaneServer } from './dataplane.server';
import { RouteTableStore } from './routing/route-table.store';
import { StatusController } from './status/status.controller';
import { StatusService } from './status/status.service';

/**
 * The gateway's hot path (routing, proxying, versioning, CORS, compression, request events) and its
 * status endpoints. Stage providers (auth, limits, cache, events, upstreams) come from their
 * @Global() modules by token.
 */
@Module({
  controllers: [StatusController],
  providers: [RouteTableStore, DataPlaneServer, StatusService],
  exports: [RouteTableStore],
})
export class DataPlaneModule {}
