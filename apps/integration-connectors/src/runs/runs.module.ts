import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { RunScheduler } from './run-scheduler';
import { RunStore } from './run-store';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';
import { ExecuteRun } from './usecases/execute-run';

@Module({
  imports: [ConnectionsModule],
  controllers: [RunsController],
  providers: [RunStore, RunScheduler, ExecuteRun, RunsService],
  exports: [RunsService],
})
export class RunsModule {}
