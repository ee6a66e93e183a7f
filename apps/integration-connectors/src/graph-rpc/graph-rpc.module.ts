import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { RunsModule } from '../runs/runs.module';
import { GraphRpcService } from './graph-rpc.service';

/** Answers the gateway's GraphQL requests over NATS (see GraphRpcSubject). */
@Module({ imports: [ConnectionsModule, RunsModule], providers: [GraphRpcService] })
export class GraphRpcModule {}
