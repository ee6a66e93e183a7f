import { Module } from '@nestjs/common';
import { ApiReportService } from '../apis/api-report.service';
import { ApisController } from '../apis/apis.controller';
import { HealthService } from '../apis/health.service';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [MetricsController, ApisController],
  providers: [MetricsRepository, MetricsService, HealthService, ApiReportService],
  exports: [MetricsRepository, MetricsService],
})
export class MetricsModule {}
