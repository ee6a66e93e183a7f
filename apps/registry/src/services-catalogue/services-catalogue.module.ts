import { Module } from '@nestjs/common';
import { ServicesCatalogueController } from './services-catalogue.controller';
import { ServicesCatalogueService } from './services-catalogue.service';

@Module({
  controllers: [ServicesCatalogueController],
  providers: [ServicesCatalogueService],
  exports: [ServicesCatalogueService],
})
export class ServicesCatalogueModule {}
