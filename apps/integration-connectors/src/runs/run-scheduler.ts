import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { IntegrationConnectorsConfig } from '../config';
import { nextRunAt } from '../connections/schedule';
import { RunStore, type ClaimedRun } from './run-store';
import { ExecuteRun, ShutdownAbort } from './usecases/execute-run';

const CLEANUP_EVERY_MS = 3_600_000;

/**
 * Every instance polls: it queues runs for due schedules and claims queued runs, or running runs
 * whose lease expired (an instance died), up to its concurrency. A claimed run's lease is renewed
 * while it executes; losing it aborts the run here. At shutdown, runs stop at the next page and
 * release their lease so that the next instance resumes them at once.
 */
@Injectable()
export class RunScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly active = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private lastCleanup = 0;

  constructor(
    private readonly store: RunStore,
    private readonly executor: ExecuteRun,
    @InjectConfig() private readonly config: IntegrationConnectorsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.CONNECTORS_SCHEDULER_INTERVAL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Looks for work now (a manual run was queued, a run finished). */
  wake(): void {
    if (this.stopping) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((err: unknown) => this.logger.warn({ err }, 'scheduler tick failed'))
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async tick(): Promise<void> {
    if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      const deleted = await this.store.cleanup(this.config.CONNECTORS_HISTORY_RETENTION_DAYS);
      if (deleted > 0) this.logger.info({ deleted }, 'old connector history deleted');
    }
    await this.store.enqueueDue((schedule) => nextRunAt(schedule));
    while (!this.stopping && this.active.size < this.config.CONNECTORS_MAX_CONCURRENT_RUNS) {
      const run = await this.store.claimNext(this.owner, this.config.CONNECTORS_RUN_LEASE_MS);
      if (!run) return;
      this.launch(run);
    }
  }

  private launch(run: ClaimedRun): void {
    const abort = new AbortController();
    const leaseMs = this.config.CONNECTORS_RUN_LEASE_MS;
    const heartbeat = setInterval(
      () => {
        this.store
          .renewLease(run, leaseMs)
          .then((held) => {
            if (!held) abort.abort(new Error('lease lost'));
          })
          .catch((err: unknown) =>
            this.logger.warn({ err, runId: run.id }, 'lease renewal failed'),
          );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const done = this.executor
      .execute(run, abort.signal)
      .catch((err: unknown) => this.logger.error({ err, runId: run.id }, 'run crashed'))
      .finally(() => {
        clearInterval(heartbeat);
        this.active.delete(run.id);
        this.wake();
      });
    this.active.set(run.id, { abort, done });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    for (const { abort } of this.active.values()) abort.abort(new ShutdownAbort());
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }
}
