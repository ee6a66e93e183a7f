import type { StreamDef, StreamRunStats } from '@portico/contracts';
import type { Pool } from 'pg';
import type { ConnectionRuntime } from '../core/connection-runtimes';
import {
  ensureTable,
  IncompatibleTableError,
  qualified,
  stagingTableName,
  swapIn,
  type TableSpec,
} from '../destination/destination';
import { BatchLoader } from '../destination/loader';
import { ConnectorHttpError, SyncError } from '../http/errors';
import { getPath } from '../http/json-path';
import { createPaginator, type FetchedPage, type PageState } from '../http/paginators/paginator';
import { RecordTransformer } from '../transforms/transformer';
import type { StreamTarget } from '../connections/destination-policy';
import { cursorValue, isAfter, lowerBound } from './incremental';
import type { ClaimedRun, ResumeState, RunStore, StreamState } from './run-store';

export interface StreamSyncContext {
  run: ClaimedRun;
  store: RunStore;
  pool: Pool;
  runtime: ConnectionRuntime;
  stream: StreamDef;
  target: StreamTarget;
  schema: string;
  state: StreamState;
  stats: StreamRunStats;
  batchRecords: number;
  leaseMs: number;
  signal: AbortSignal;
  /** A failed attempt that is being retried (for the error history). */
  onRetry: (err: ConnectorHttpError, page: string) => void;
}

/** A failure with the page it happened on, for the error history. */
export class PageError extends Error {
  constructor(
    readonly page: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PageError';
  }
}

/**
 * Extract → transform → load for one stream. Pages are fetched one ahead of loading (at most two
 * pages and one batch in memory, whatever the record count). Each batch commits with the position
 * of the next page, so a run that stops anywhere resumes after the last committed batch: no record
 * is loaded twice and none is skipped. Replace mode fills a staging table and swaps it in with the
 * final commit; incremental streams save their cursor with that commit too.
 */
export async function syncStream(ctx: StreamSyncContext): Promise<void> {
  const { stream, target, runtime, run, stats } = ctx;
  const resume = ctx.state.resume;
  const spec: TableSpec = {
    schema: ctx.schema,
    table: target.table,
    fields: stream.fields,
    primaryKey: stream.primaryKey,
    mode: target.loadMode,
  };
  const replace = target.loadMode === 'replace';
  const table = replace
    ? (resume?.staging ?? stagingTableName(target.table, run.id))
    : target.table;
  await prepareTable(ctx.pool, spec, table, replace && !resume?.staging);

  const inc = replace ? undefined : stream.incremental;
  const start = inc ? lowerBound(ctx.state.cursor, inc) : { bound: null, strict: false };
  const bound = resume ? resume.lowerBound : start.bound;
  const strict = resume ? resume.strict : start.strict;
  const boundValue = inc && bound !== null ? cursorValue(bound, inc.format) : NaN;
  let maxCursor: string | number | null = resume ? resume.maxCursor : ctx.state.cursor;

  const paginator = createPaginator(stream.paginator, runtime.client.origin);
  const transformer = new RecordTransformer(stream.transforms);
  const loader = new BatchLoader(
    ctx.schema,
    table,
    stream.fields,
    stream.primaryKey,
    target.loadMode,
  );
  const baseQuery: Record<string, string> = {};
  for (const [k, v] of Object.entries(stream.query)) baseQuery[k] = String(v);
  if (inc?.requestParam && bound !== null) baseQuery[inc.requestParam] = String(bound);

  const fetchPage = async (state: PageState): Promise<FetchedPage> => {
    const label = paginator.describe(state);
    try {
      const req = paginator.request(state);
      const res = await runtime.client.call({
        method: stream.method,
        path: req.url ?? stream.path,
        query: req.url ? {} : { ...baseQuery, ...req.query },
        signal: ctx.signal,
        onRetry: (err) => {
          stats.retries++;
          ctx.onRetry(err, label);
        },
      });
      const records = getPath(res.body, stream.recordSelector);
      if (!Array.isArray(records)) {
        throw new ConnectorHttpError(
          'response',
          `recordSelector '${stream.recordSelector}' does not point at an array in the response of ${res.url}`,
        );
      }
      return {
        records,
        body: res.body,
        headers: res.headers,
        requestUrl: runtime.client.resolve(req.url ?? stream.path).toString(),
      };
    } catch (err) {
      throw new PageError(label, err);
    }
  };

  let current: PageState | null = resume ? resume.page : paginator.initial();
  let pending: Promise<FetchedPage> | null = fetchPage(current);
  let rows: unknown[][] = [];
  let read = 0;
  let pages = 0;
  // One batch may be committing while the next one is read: commits stay in order, because a batch
  // waits for the previous commit before starting its own.
  let committing: Promise<void> | null = null;
  try {
    while (pending && current) {
      const page: FetchedPage = await pending;
      let next: PageState | null;
      try {
        next = paginator.next(current, page);
      } catch (err) {
        throw new PageError(paginator.describe(current), err);
      }
      // Fetch ahead while this page is transformed and loaded.
      pending = next ? fetchPage(next) : null;
      pending?.catch(() => undefined);
      for (const raw of page.records) {
        if (inc) {
          const v = cursorValue(getPath(raw, inc.cursorField), inc.format);
          if (!isAfter(v, boundValue, strict)) continue;
          if (!Number.isNaN(v) && (maxCursor === null || v > cursorValue(maxCursor, inc.format))) {
            maxCursor = getPath(raw, inc.cursorField) as string | number;
          }
        }
        try {
          rows.push(loader.toRow(await transformer.apply(raw)));
        } catch (err) {
          throw new PageError(paginator.describe(current), err);
        }
      }
      read += page.records.length;
      pages++;
      const done = next === null;
      if (rows.length >= ctx.batchRecords || done) {
        const batch = rows;
        rows = [];
        const resumeState: ResumeState | null = done
          ? null
          : {
              page: next!,
              lowerBound: bound,
              strict,
              maxCursor,
              ...(replace ? { staging: table } : {}),
            };
        const cursor = done && inc && maxCursor !== null ? String(maxCursor) : ctx.state.cursor;
        const swapFrom = done && replace ? table : null;
        const counts = { read, pages };
        if (committing) await committing;
        committing = commit(ctx, batch, counts, { cursor, resume: resumeState }, loader, swapFrom);
        committing.catch(() => undefined);
        read = 0;
        pages = 0;
        if (done || ctx.signal.aborted) await committing;
        if (!done && ctx.signal.aborted) throw ctx.signal.reason;
      }
      current = next;
    }
  } finally {
    // Never leave a commit running behind an error: the caller decides what happens to the run.
    await (committing as Promise<void> | null)?.catch(() => undefined);
  }
}

async function commit(
  ctx: StreamSyncContext,
  rows: unknown[][],
  counts: { read: number; pages: number },
  state: StreamState,
  loader: BatchLoader,
  swapFrom: string | null,
): Promise<void> {
  const { stats } = ctx;
  const before = { ...stats };
  stats.recordsRead += counts.read;
  stats.pages += counts.pages;
  try {
    await ctx.store.commitBatch(ctx.run, ctx.leaseMs, ctx.stream.name, state, async (c) => {
      stats.recordsWritten += await loader.write(c, rows);
      if (state.resume === null) stats.status = 'done';
      if (swapFrom) await swapIn(c, ctx.schema, swapFrom, ctx.target.table);
    });
  } catch (err) {
    // Nothing of this batch committed: the counters go back to what the database holds.
    Object.assign(stats, before);
    throw err;
  }
  ctx.state = state;
}

async function prepareTable(
  pool: Pool,
  spec: TableSpec,
  table: string,
  fresh: boolean,
): Promise<void> {
  try {
    if (fresh) await pool.query(`DROP TABLE IF EXISTS ${qualified(spec.schema, table)}`);
    await ensureTable(pool, spec, table);
  } catch (err) {
    if (err instanceof IncompatibleTableError) throw new SyncError('destination', err.message);
    throw new SyncError(
      'destination',
      `Preparing ${spec.schema}.${table}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
