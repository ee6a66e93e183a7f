import { Inject, Injectable } from '@nestjs/common';
import {
  createCloudEvent,
  IdPrefix,
  newId,
  type EventData,
  type EventType,
  type RunTrigger,
  type StreamRunStats,
} from '@portico/contracts';
import { writeOutboxEvent, type SqlExecutor } from '@portico/messaging';
import type { Pool, PoolClient } from 'pg';
import { LOAD_POOL } from '../core/tokens';
import type { PageState } from '../http/paginators/paginator';

export interface ClaimedRun {
  id: string;
  tenantId: string;
  connectionId: string;
  trigger: RunTrigger;
  owner: string;
  stats: Record<string, StreamRunStats>;
}

/** Where a stream stopped: saved with each batch, cleared when the stream completes. */
export interface ResumeState {
  page: PageState;
  lowerBound: string | number | null;
  strict: boolean;
  maxCursor: string | number | null;
  staging?: string;
}

export interface StreamState {
  cursor: string | null;
  resume: ResumeState | null;
}

/** Another instance owns the run now (our lease expired): stop without writing anything. */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`Lost the lease of run ${runId}.`);
    this.name = 'LeaseLostError';
  }
}

export class ActiveRunError extends Error {
  constructor() {
    super('A run of this connector is already queued or running.');
    this.name = 'ActiveRunError';
  }
}

const RUN_COLUMNS = 'id, tenant_id, connection_id, trigger, status, stats';

/**
 * Every write a run makes, in PostgreSQL through the load pool, so that destination rows, the stream
 * state and the run's counters commit in one transaction, fenced by the run's lease: a batch commits
 * only while this instance still holds the lease, so a run taken over elsewhere cannot write twice.
 */
@Injectable()
export class RunStore {
  constructor(@Inject(LOAD_POOL) private readonly pool: Pool) {}

  async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Queues a run unless one is queued or running (the connection's active_run_id is the lock). */
  async enqueue(tenantId: string, connectionId: string, trigger: RunTrigger): Promise<string> {
    const runId = newId(IdPrefix.run);
    await this.tx(async (c) => {
      const locked = await c.query(
        `UPDATE connections SET active_run_id = $1 WHERE id = $2 AND tenant_id = $3 AND active_run_id IS NULL`,
        [runId, connectionId, tenantId],
      );
      if (locked.rowCount === 0) throw new ActiveRunError();
      await c.query(
        `INSERT INTO runs (id, tenant_id, connection_id, trigger, status) VALUES ($1, $2, $3, $4, 'queued')`,
        [runId, tenantId, connectionId, trigger],
      );
    });
    return runId;
  }

  /** Queues runs for schedules that are due; a connection still running skips that occurrence. */
  async enqueueDue(next: (schedule: string) => Date, limit = 20): Promise<number> {
    return this.tx(async (c) => {
      const due = await c.query<{
        id: string;
        tenant_id: string;
        schedule: string;
        active_run_id: string | null;
      }>(
        `SELECT id, tenant_id, schedule, active_run_id FROM connections
          WHERE enabled AND schedule IS NOT NULL AND next_run_at <= now()
          ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      let queued = 0;
      for (const row of due.rows) {
        await c.query(`UPDATE connections SET next_run_at = $2 WHERE id = $1`, [
          row.id,
          next(row.schedule),
        ]);
        if (row.active_run_id) continue;
        const runId = newId(IdPrefix.run);
        await c.query(`UPDATE connections SET active_run_id = $1 WHERE id = $2`, [runId, row.id]);
        await c.query(
          `INSERT INTO runs (id, tenant_id, connection_id, trigger, status) VALUES ($1, $2, $3, 'schedule', 'queued')`,
          [runId, row.tenant_id, row.id],
        );
        queued++;
      }
      return queued;
    });
  }

  /**
   * Takes the oldest queued run, or a running one whose lease expired (its instance died or
   * stopped): that one resumes from its committed state. Emits connector.run.started.
   */
  async claimNext(owner: string, leaseMs: number): Promise<ClaimedRun | null> {
    return this.tx(async (c) => {
      const found = await c.query<{
        id: string;
        tenant_id: string;
        connection_id: string;
        trigger: RunTrigger;
        status: string;
        stats: Record<string, StreamRunStats>;
      }>(
        `SELECT ${RUN_COLUMNS} FROM runs
          WHERE status = 'queued' OR (status = 'running' AND lease_expires_at < now())
          ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const run = found.rows[0];
      if (!run) return null;
      await c.query(
        `UPDATE runs SET status = 'running', lease_owner = $2,
                lease_expires_at = now() + make_interval(secs => $3), started_at = COALESCE(started_at, now())
          WHERE id = $1`,
        [run.id, owner, leaseMs / 1000],
      );
      const trigger: RunTrigger = run.status === 'running' ? 'resume' : run.trigger;
      await this.event(c, run.tenant_id, 'connector.run.started', run.id, {
        runId: run.id,
        connectionId: run.connection_id,
        trigger,
      });
      return {
        id: run.id,
        tenantId: run.tenant_id,
        connectionId: run.connection_id,
        trigger,
        owner,
        stats: run.stats ?? {},
      };
    });
  }

  async renewLease(run: ClaimedRun, leaseMs: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE runs SET lease_expires_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
      [run.id, run.owner, leaseMs / 1000],
    );
    return res.rowCount === 1;
  }

  /** Lets another instance (or this one after a restart) resume the run right away. */
  async releaseLease(run: ClaimedRun): Promise<void> {
    await this.pool.query(
      `UPDATE runs SET lease_expires_at = now() WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
      [run.id, run.owner],
    );
  }

  async loadStates(connectionId: string): Promise<Map<string, StreamState>> {
    const res = await this.pool.query<{
      stream: string;
      cursor: string | null;
      resume: ResumeState | null;
    }>(`SELECT stream, cursor, resume FROM sync_states WHERE connection_id = $1`, [connectionId]);
    return new Map(res.rows.map((r) => [r.stream, { cursor: r.cursor, resume: r.resume }]));
  }

  /**
   * One batch: the caller's writes (destination rows), the stream state and the run's counters, in
   * one transaction that commits only while this instance holds the lease.
   */
  async commitBatch(
    run: ClaimedRun,
    leaseMs: number,
    stream: string,
    state: StreamState,
    write: (c: PoolClient) => Promise<void>,
  ): Promise<void> {
    await this.tx(async (c) => {
      // The write goes first so the counters it updates are saved by the fenced update below;
      // if the fence fails the whole transaction rolls back.
      await write(c);
      const totals = sum(run.stats);
      const fenced = await c.query(
        `UPDATE runs SET lease_expires_at = now() + make_interval(secs => $3), stats = $4,
                records_read = $5, records_written = $6, pages = $7, retries = $8
          WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
        [
          run.id,
          run.owner,
          leaseMs / 1000,
          JSON.stringify(run.stats),
          totals.recordsRead,
          totals.recordsWritten,
          totals.pages,
          totals.retries,
        ],
      );
      if (fenced.rowCount !== 1) throw new LeaseLostError(run.id);
      await c.query(
        `INSERT INTO sync_states (connection_id, stream, tenant_id, cursor, resume, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (connection_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, resume = EXCLUDED.resume, updated_at = now()`,
        [
          run.connectionId,
          stream,
          run.tenantId,
          state.cursor,
          state.resume ? JSON.stringify(state.resume) : null,
        ],
      );
    });
  }

  /** Ends the run, frees the connection and emits completed/failed, in one transaction. */
  async finish(run: ClaimedRun, outcome: { error?: string }): Promise<void> {
    await this.tx(async (c) => {
      const totals = sum(run.stats);
      const status = outcome.error === undefined ? 'succeeded' : 'failed';
      const res = await c.query<{ duration_ms: number }>(
        `UPDATE runs SET status = $3, error = $4, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                duration_ms = CAST(EXTRACT(EPOCH FROM (now() - started_at)) * 1000 AS integer), stats = $5,
                records_read = $6, records_written = $7, pages = $8, retries = $9
          WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING duration_ms`,
        [
          run.id,
          run.owner,
          status,
          outcome.error ?? null,
          JSON.stringify(run.stats),
          totals.recordsRead,
          totals.recordsWritten,
          totals.pages,
          totals.retries,
        ],
      );
      if (res.rowCount !== 1) throw new LeaseLostError(run.id);
      await c.query(
        `UPDATE connections SET active_run_id = NULL WHERE id = $1 AND active_run_id = $2`,
        [run.connectionId, run.id],
      );
      const ref = { runId: run.id, connectionId: run.connectionId, trigger: run.trigger };
      if (outcome.error === undefined) {
        await this.event(c, run.tenantId, 'connector.run.completed', run.id, {
          ...ref,
          recordsRead: totals.recordsRead,
          recordsWritten: totals.recordsWritten,
          durationMs: res.rows[0]!.duration_ms,
        });
      } else {
        await this.event(c, run.tenantId, 'connector.run.failed', run.id, {
          ...ref,
          error: outcome.error,
          recordsWritten: totals.recordsWritten,
        });
      }
    });
  }

  /** Drops history past its retention and expired cache entries; returns rows deleted. */
  async cleanup(retentionDays: number): Promise<number> {
    let deleted = 0;
    for (const sql of [
      `DELETE FROM connector_errors WHERE created_at < now() - make_interval(days => $1)`,
      `DELETE FROM action_invocations WHERE finished_at < now() - make_interval(days => $1)`,
      `DELETE FROM action_cache WHERE expires_at < now() AND $1 > 0`,
    ]) {
      deleted += (await this.pool.query(sql, [retentionDays])).rowCount ?? 0;
    }
    return deleted;
  }

  private async event<T extends EventType>(
    c: PoolClient,
    tenantId: string,
    type: T,
    subject: string,
    data: EventData<T>,
  ): Promise<void> {
    await writeOutboxEvent(
      executor(c),
      createCloudEvent({ source: 'integration-connectors', type, tenantId, subject, data }),
    );
  }
}

function executor(c: PoolClient): SqlExecutor {
  return {
    $executeRawUnsafe: async (query, ...values) => (await c.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await c.query(query, values)).rows as T,
  };
}

export function sum(stats: Record<string, StreamRunStats>) {
  const t = { recordsRead: 0, recordsWritten: 0, pages: 0, retries: 0 };
  for (const s of Object.values(stats)) {
    t.recordsRead += s.recordsRead;
    t.recordsWritten += s.recordsWritten;
    t.pages += s.pages;
    t.retries += s.retries;
  }
  return t;
}
