import { silentLogger, type LoggerLike } from '@portico/contracts';
import type { Messaging } from './messaging';
import { OUTBOX_TABLE, type SqlDatabase, type SqlExecutor } from './outbox';
import { backoffDelay, errorMessage, Wakeup } from './util';

export interface OutboxRelayOptions {
  db: SqlDatabase;
  messaging: Messaging;
  logger?: LoggerLike;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** How often to look for rows written by other processes (default 1000). */
  pollIntervalMs?: number;
  /** Published rows are deleted after this many days (default 7). */
  retentionDays?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: string;
}

interface BatchResult {
  published: number;
  /** More rows may be waiting (a full batch, or one cut short by the time budget). */
  more: boolean;
  error?: unknown;
}

/** Namespace for our advisory locks ("PORT"), so they cannot collide with other users' keys. */
const LOCK_NAMESPACE = 0x504f5254;
/**
 * One relay per schema at a time: the lock is keyed by the outbox table's oid (resolved through the
 * search_path), taken for the transaction. A second relay finds it taken and waits for the next
 * round instead of skipping ahead to later rows, which would publish them out of order.
 */
const LOCK_SQL = `SELECT pg_try_advisory_xact_lock(${LOCK_NAMESPACE}, CAST(CAST(CAST('${OUTBOX_TABLE}' AS regclass) AS oid) AS integer)) AS locked`;
const CLAIM_SQL = `SELECT id, subject, CAST(payload AS text) AS payload FROM ${OUTBOX_TABLE}
WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE`;
const MARK_SQL = `UPDATE ${OUTBOX_TABLE} SET published_at = now()
WHERE id IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))`;
const FAIL_SQL = `UPDATE ${OUTBOX_TABLE} SET attempts = attempts + 1, last_error = $2 WHERE id = $1`;
const CLEANUP_SQL = `DELETE FROM ${OUTBOX_TABLE}
WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => CAST($1 AS integer))`;

/**
 * Publishing happens inside the claiming transaction, so it must stay well below an interactive
 * transaction's timeout (Prisma's default is 5 s): each PubAck gets 2 s and no new publish starts
 * after 2.5 s; the rest of the batch goes in the next transaction.
 */
const PUBLISH_TIMEOUT_MS = 2000;
const BATCH_TIME_BUDGET_MS = 2500;
const CLEANUP_EVERY_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/**
 * Publishes outbox rows to JetStream in id order, at least once: a row is marked published only
 * after its PubAck, in the transaction that claimed it. A crash between the two republishes the
 * row later, and JetStream's duplicate window (Nats-Msg-Id = row id) stores it once. A failed
 * publish stops the batch, so a later event never overtakes an earlier one.
 */
export class OutboxRelay {
  private readonly db: SqlDatabase;
  private readonly messaging: Messaging;
  private readonly logger: LoggerLike;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionDays: number;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly wake = new Wakeup();
  private notified = false;
  private failures = 0;
  private lastCleanup = 0;
  /** Serialises rounds within this process (background loop and flush()). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(opts: OutboxRelayOptions) {
    this.db = opts.db;
    this.messaging = opts.messaging;
    this.logger = opts.logger ?? silentLogger;
    this.batchSize = opts.batchSize ?? 100;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.retentionDays = opts.retentionDays ?? 7;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops the loop; resolves after the batch in progress has been published and marked. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake.fire();
    await this.loopDone;
    await this.tail.catch(() => undefined);
  }

  /** Wake up now (services call it after committing); while backing off after failures, it waits. */
  notify(): void {
    this.notified = true;
    if (this.failures === 0) this.wake.fire();
  }

  /** Publishes everything pending now and returns how many rows this call published. */
  flush(): Promise<number> {
    return this.exclusive(() => this.publishPending());
  }

  /**
   * Test seam: runs after a batch's PubAcks and before the rows are marked. Throwing here rolls the
   * transaction back exactly as a crash at that point would.
   * @internal
   */
  protected async beforeMark(_ids: readonly string[]): Promise<void> {
    // nothing by default
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.notified = false;
      let delay = this.pollIntervalMs;
      if (this.messaging.status() === 'connected') {
        try {
          await this.exclusive(() => this.publishPending());
          this.failures = 0;
        } catch (err) {
          this.failures++;
          delay = backoffDelay(this.failures, 500, 30_000);
          this.logger.warn(
            { err, failures: this.failures, retryInMs: delay },
            'outbox relay round failed',
          );
        }
        await this.cleanupIfDue();
      }
      if (!this.running) break;
      if (this.notified && this.failures === 0) continue;
      await this.wake.wait(delay);
    }
  }

  private async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.db.$transaction((tx) => this.runBatch(tx));
      total += batch.published;
      if (batch.error !== undefined) throw batch.error;
      if (!batch.more) return total;
    }
  }

  private async runBatch(tx: SqlExecutor): Promise<BatchResult> {
    const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(LOCK_SQL);
    if (!lock?.locked) return { published: 0, more: false };
    const rows = await tx.$queryRawUnsafe<OutboxRow[]>(CLAIM_SQL, this.batchSize);
    const published: string[] = [];
    const started = Date.now();
    let error: unknown;
    for (const row of rows) {
      if (Date.now() - started > BATCH_TIME_BUDGET_MS) break;
      try {
        await this.messaging.publishJson(row.subject, JSON.parse(row.payload), {
          msgId: row.id,
          timeoutMs: PUBLISH_TIMEOUT_MS,
        });
        published.push(row.id);
      } catch (err) {
        error = err;
        const message = errorMessage(err).slice(0, MAX_ERROR_LENGTH);
        await tx.$executeRawUnsafe(FAIL_SQL, row.id, message);
        this.logger.warn({ err, eventId: row.id, subject: row.subject }, 'outbox publish failed');
        break;
      }
    }
    await this.beforeMark(published);
    if (published.length > 0) await tx.$executeRawUnsafe(MARK_SQL, JSON.stringify(published));
    const more =
      error === undefined && (rows.length === this.batchSize || published.length < rows.length);
    return { published: published.length, more, error };
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    try {
      const deleted = await this.db.$executeRawUnsafe(CLEANUP_SQL, this.retentionDays);
      if (deleted > 0) this.logger.debug({ deleted }, 'deleted published outbox rows');
    } catch (err) {
      this.logger.warn({ err }, 'outbox cleanup failed');
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
