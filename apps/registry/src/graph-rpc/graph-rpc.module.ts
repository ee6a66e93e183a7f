import { Module } from '@nestjs/common';
import { ApisModule } from '../apis/apis.module';
import { OpenApiImportModule } from '../openapi-import/openapi-import.module';
import { ServicesCatalogueModule } from '../services-catalogue/services-catalogue.module';
import { VersionsModule } from '../versions/versions.module';
import { GraphRpcService } from './graph-rpc.service';

/** Answers the gateway's GraphQL requests over NATS (see GraphRpcSubject). */
@Module({
  imports: [ApisModule, VersionsModule, ServicesCatalogueModule, OpenApiImportModule],
  providers: [GraphRpcService],
})
export class GraphRpcModule {}
