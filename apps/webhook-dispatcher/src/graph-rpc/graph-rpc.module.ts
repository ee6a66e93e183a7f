import { Module } from '@nestjs/common';
import { EndpointsModule } from '../endpoints/endpoints.module';
import { MessagesModule } from '../messages/messages.module';
import { GraphRpcService } from './graph-rpc.service';

/** Answers the gateway's GraphQL requests over NATS (see GraphRpcSubject). */
@Module({ imports: [EndpointsModule, MessagesModule], providers: [GraphRpcService] })
export class GraphRpcModule {}
