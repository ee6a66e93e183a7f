import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';
import { PartitionManager } from './partition-manager';
import { Sealer } from './sealer';

/**
 * The periodic upkeep of storage: partitions ahead, hour/day roll-ups, retention. Every instance
 * runs it; the steps are idempotent and the seal is serialised by the rollup lock.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly partitions: PartitionManager,
    private readonly sealer: Sealer,
    @InjectConfig() private readonly config: AnalyticsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.ANALYTICS_MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round, after any round in progress: what the timer runs (tests call it after moving their clock). */
  runOnce(): Promise<{ sealedHours: number; sealedDays: number; dropped: string[] }> {
    const run = this.tail.then(() => this.round());
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async round(): Promise<{ sealedHours: number; sealedDays: number; dropped: string[] }> {
    await this.partitions.ensureAhead();
    const sealed = await this.sealer.sealDue();
    const dropped = await this.partitions.applyRetention();
    return { sealedHours: sealed.hours, sealedDays: sealed.days, dropped };
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.warn({ err }, 'analytics storage maintenance failed'))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
