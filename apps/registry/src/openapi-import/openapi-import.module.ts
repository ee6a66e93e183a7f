import { Module } from '@nestjs/common';
import { OpenApiImportController } from './openapi-import.controller';
import { ImportOpenApiUsecase } from './usecases/import-openapi.usecase';

@Module({
  controllers: [OpenApiImportController],
  providers: [ImportOpenApiUsecase],
  exports: [ImportOpenApiUsecase],
})
export class OpenApiImportModule {}
