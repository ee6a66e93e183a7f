import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { GraphRpcService } from './graph-rpc.service';

/** Answers the gateway's GraphQL requests over NATS (see GraphRpcSubject). */
@Module({ imports: [MetricsModule], providers: [GraphRpcService] })
export class GraphRpcModule {}
