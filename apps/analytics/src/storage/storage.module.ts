import { Module } from '@nestjs/common';
import { MaintenanceService } from './maintenance.service';
import { PartitionManager } from './partition-manager';
import { Sealer } from './sealer';

@Module({
  providers: [PartitionManager, Sealer, MaintenanceService],
  exports: [PartitionManager, MaintenanceService],
})
export class StorageModule {}
