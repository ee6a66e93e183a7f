import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { IngestBatch } from './ingest-batch';
import { IngestService } from './ingest.service';
import { TrafficMetrics } from './traffic-metrics';

@Module({
  imports: [StorageModule],
  providers: [IngestBatch, IngestService, TrafficMetrics],
  exports: [IngestBatch],
})
export class IngestModule {}
