import { Global, Module } from '@nestjs/common';
import { ApisRepository } from '../apis/apis.repository';
import { AuditRepository } from '../audit/audit.repository';
import { RoutesRepository } from '../routes/routes.repository';
import { VersionLocator } from '../versions/version-locator';
import { VersionsRepository } from '../versions/versions.repository';

/** The repositories, shared by the features (a version's routes, an import touching all three). */
@Global()
@Module({
  providers: [
    ApisRepository,
    VersionsRepository,
    RoutesRepository,
    AuditRepository,
    VersionLocator,
  ],
  exports: [ApisRepository, VersionsRepository, RoutesRepository, AuditRepository, VersionLocator],
})
export class RepositoriesModule {}
