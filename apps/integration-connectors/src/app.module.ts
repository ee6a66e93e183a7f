import { Module } from '@nestjs/common';
import { ActionsModule } from './actions/actions.module';
import { ConnectionsModule } from './connections/connections.module';
import { CoreModule } from './core/core.module';
import { DefinitionsModule } from './definitions/definitions.module';
import { GraphRpcModule } from './graph-rpc/graph-rpc.module';
import { RunsModule } from './runs/runs.module';

@Module({
  imports: [
    CoreModule,
    DefinitionsModule,
    ConnectionsModule,
    RunsModule,
    ActionsModule,
    GraphRpcModule,
  ],
})
export class AppModule {}
