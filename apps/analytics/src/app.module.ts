import { type DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { GraphRpcModule } from './graph-rpc/graph-rpc.module';
import { type AnalyticsModuleOptions, CoreModule } from './shared/core.module';
import { IngestModule } from './ingest/ingest.module';
import { MetricsModule } from './metrics/metrics.module';
import { StorageModule } from './storage/storage.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  /** Options are test seams (clock, failpoints); production passes none. */
  static register(opts: AnalyticsModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(opts),
        StorageModule,
        IngestModule,
        MetricsModule,
        UsageModule,
        AlertsModule,
        GraphRpcModule,
      ],
    };
  }
}
