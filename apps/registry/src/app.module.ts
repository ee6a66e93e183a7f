import { Module } from '@nestjs/common';
import { ApisModule } from './apis/apis.module';
import { AuditModule } from './audit/audit.module';
import { ChangesModule } from './changes/changes.module';
import { GraphRpcModule } from './graph-rpc/graph-rpc.module';
import { RepositoriesModule } from './common/repositories.module';
import { OpenApiImportModule } from './openapi-import/openapi-import.module';
import { RouteTableModule } from './route-table/route-table.module';
import { RoutesModule } from './routes/routes.module';
import { ServicesCatalogueModule } from './services-catalogue/services-catalogue.module';
import { VersionsModule } from './versions/versions.module';

@Module({
  imports: [
    ChangesModule,
    RepositoriesModule,
    // Before ApisModule: `POST /apis/import` is a static path next to `/apis/:api`.
    OpenApiImportModule,
    ApisModule,
    VersionsModule,
    RoutesModule,
    RouteTableModule,
    ServicesCatalogueModule,
    AuditModule,
    GraphRpcModule,
  ],
})
export class AppModule {}
