import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from './clock';
import { AnalyticsDb } from './database';
import { Outbox } from './outbox';

/** Test seams of the ingest transaction (a failpoint before commit). */
export interface IngestHooks {
  /** Runs inside the batch transaction after every write, before COMMIT; throwing rolls it back. */
  beforeCommit?: (info: { newEvents: number; backendPid: number }) => Promise<void>;
}
export const INGEST_HOOKS = Symbol.for('portico:analytics:ingest-hooks');

export interface AnalyticsModuleOptions {
  clock?: Clock;
  ingestHooks?: IngestHooks;
}

/** What every feature shares: the clock, the SQL pool, the outbox relay. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(opts: AnalyticsModuleOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CLOCK, useValue: opts.clock ?? systemClock },
        { provide: INGEST_HOOKS, useValue: opts.ingestHooks ?? {} },
        AnalyticsDb,
        Outbox,
      ],
      exports: [CLOCK, INGEST_HOOKS, AnalyticsDb, Outbox],
    };
  }
}
