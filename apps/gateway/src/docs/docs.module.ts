import { Module } from '@nestjs/common';
import { DocSources } from './doc-sources';
import { DocsController } from './docs.controller';
import { DocsHubService } from './docs-hub.service';
import { SdkPackageService } from './sdk-package.service';
import { SdkController } from './sdk.controller';
import { SwaggerAssets } from './swagger-assets';

/** The docs hub (/api/v1/docs*) and the SDK downloads (/api/v1/sdk*): gateway-own paths. */
@Module({
  controllers: [DocsController, SdkController],
  providers: [DocSources, DocsHubService, SwaggerAssets, SdkPackageService],
})
export class DocsModule {}
