import { Inject, Injectable } from '@nestjs/common';
import { PorticoError, type StreamRunStats } from '@portico/contracts';
import { InjectConfig, InjectLogger, MetricsService } from '@portico/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { IntegrationConnectorsConfig } from '../../config';
import { destinationOf, ConnectionsService } from '../../connections/connections.service';
import { streamTargets } from '../../connections/destination-policy';
import { ConnectionRuntimes, type ConnectionRuntime } from '../../core/connection-runtimes';
import { ErrorHistory } from '../../core/error-history';
import { Outbox } from '../../core/core.module';
import { LOAD_POOL } from '../../core/tokens';
import { ConnectorHttpError, errorKind, SyncError } from '../../http/errors';
import { LeaseLostError, RunStore, type ClaimedRun } from '../run-store';
import { PageError, syncStream } from '../stream-sync';

/** Why a run stopped without finishing: the service is shutting down; another instance resumes it. */
export class ShutdownAbort extends Error {
  constructor() {
    super('The service is shutting down.');
    this.name = 'ShutdownAbort';
  }
}

/** Executes one claimed run: each enabled stream in definition order, skipping those already done. */
@Injectable()
export class ExecuteRun {
  private readonly records;
  private readonly runsTotal;

  constructor(
    private readonly store: RunStore,
    private readonly connections: ConnectionsService,
    private readonly runtimes: ConnectionRuntimes,
    private readonly errors: ErrorHistory,
    private readonly outbox: Outbox,
    @Inject(LOAD_POOL) private readonly pool: Pool,
    @InjectConfig() private readonly config: IntegrationConnectorsConfig,
    @InjectLogger() private readonly logger: Logger,
    metrics: MetricsService,
  ) {
    this.records = metrics.counter(
      'portico_connectors_records_written_total',
      'Records loaded into destination tables',
    );
    this.runsTotal = metrics.counter('portico_connectors_runs_total', 'Finished sync runs', [
      'status',
    ]);
  }

  async execute(run: ClaimedRun, signal: AbortSignal): Promise<void> {
    const log = this.logger.child({ runId: run.id, connectionId: run.connectionId });
    log.info({ trigger: run.trigger }, 'run started');
    let stream: string | null = null;
    let runtime: ConnectionRuntime | undefined;
    try {
      const row = await this.connections.row(run.tenantId, run.connectionId);
      runtime = this.runtimes.get(row);
      const states = await this.store.loadStates(run.connectionId);
      const destination = destinationOf(row);
      if (!destination) throw new SyncError('destination', 'The connector has no destination.');
      const targets = streamTargets(runtime.definition, destination).filter((t) => t.enabled);
      for (const t of targets) run.stats[t.stream] ??= emptyStats();
      for (const target of targets) {
        const stats = run.stats[target.stream]!;
        if (stats.status === 'done') continue;
        stream = target.stream;
        stats.status = 'running';
        const written = stats.recordsWritten;
        await syncStream({
          run,
          store: this.store,
          pool: this.pool,
          runtime,
          stream: runtime.definition.streams.find((s) => s.name === target.stream)!,
          target,
          schema: destination.schema,
          state: states.get(target.stream) ?? { cursor: null, resume: null },
          stats,
          batchRecords: this.config.CONNECTORS_BATCH_RECORDS,
          leaseMs: this.config.CONNECTORS_RUN_LEASE_MS,
          signal,
          onRetry: (err, page) =>
            void this.errors.record(run.tenantId, run.connectionId, {
              runId: run.id,
              stream: target.stream,
              page,
              httpStatus: err.status ?? null,
              kind: err.kind,
              message: `${err.message} (retrying)`,
            }),
        });
        this.records.inc(stats.recordsWritten - written);
      }
      await this.store.finish(run, {});
      this.runsTotal.inc({ status: 'succeeded' });
      log.info({ stats: run.stats }, 'run succeeded');
    } catch (err) {
      if (err instanceof LeaseLostError) {
        log.warn('run lease lost; another instance carries on');
        return;
      }
      if (signal.aborted && signal.reason instanceof ShutdownAbort) {
        await this.store.releaseLease(run).catch(() => undefined);
        log.info('run interrupted by shutdown; it resumes from its last committed batch');
        return;
      }
      await this.fail(run, stream, runtime, err, log);
    } finally {
      this.outbox.notify();
    }
  }

  private async fail(
    run: ClaimedRun,
    stream: string | null,
    runtime: ConnectionRuntime | undefined,
    err: unknown,
    log: Logger,
  ): Promise<void> {
    const cause = err instanceof PageError ? err.cause : err;
    const page = err instanceof PageError ? err.page : null;
    const kind = cause instanceof PorticoError ? 'internal' : errorKind(cause);
    const raw = cause instanceof Error ? cause.message : String(cause);
    const message = runtime ? runtime.redactor.text(raw) : raw;
    if (stream && run.stats[stream]) run.stats[stream]!.status = 'failed';
    await this.errors.record(run.tenantId, run.connectionId, {
      runId: run.id,
      stream,
      page,
      httpStatus: cause instanceof ConnectorHttpError ? (cause.status ?? null) : null,
      kind,
      message,
    });
    const where = stream ? `stream '${stream}'${page ? `, ${page}` : ''}: ` : '';
    try {
      await this.store.finish(run, { error: `${where}${message}` });
      this.runsTotal.inc({ status: 'failed' });
    } catch (e) {
      if (!(e instanceof LeaseLostError)) throw e;
    }
    log.warn({ stream, page, kind, error: message }, 'run failed');
  }
}

function emptyStats(): StreamRunStats {
  return { status: 'pending', recordsRead: 0, recordsWritten: 0, pages: 0, retries: 0 };
}
