import { Module } from '@nestjs/common';
import { ConsumersModule } from '../consumers/consumers.module';
import { KeysModule } from '../keys/keys.module';
import { GraphRpcService } from './graph-rpc.service';

/** Answers the gateway's GraphQL requests over NATS (see GraphRpcSubject). */
@Module({ imports: [ConsumersModule, KeysModule], providers: [GraphRpcService] })
export class GraphRpcModule {}
