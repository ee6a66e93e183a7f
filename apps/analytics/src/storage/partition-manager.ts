import { Inject, Injectable } from '@nestjs/common';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';
import { AnalyticsDb } from '../shared/database';
import { CLOCK, type Clock } from '../shared/clock';
import { DAY_MS, floorTo } from '../shared/time';
import { readSealedUntil } from './rollup-store';
import {
  createPartition,
  dropPartitionsBefore,
  PARTITIONED_TABLES,
  partitionFor,
  partitionsBetween,
  type PartitionedTable,
  type RetentionClass,
} from './partitions';

/** Partitions exist this far ahead of the clock, so ingest rarely has to create one. */
const AHEAD_MS = 2 * DAY_MS;

/** Creates partitions ahead of time and drops expired ones (retention by DROP, not DELETE). */
@Injectable()
export class PartitionManager {
  /** Partitions known to exist; a miss costs one CREATE TABLE IF NOT EXISTS. */
  private readonly known = new Set<string>();

  constructor(
    private readonly db: AnalyticsDb,
    @InjectConfig() private readonly config: AnalyticsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  retentionMs(c: RetentionClass): number {
    const days = {
      raw: this.config.ANALYTICS_RAW_RETENTION_DAYS,
      minute: this.config.ANALYTICS_MINUTE_RETENTION_DAYS,
      hour: this.config.ANALYTICS_HOUR_RETENTION_DAYS,
      day: this.config.ANALYTICS_DAY_RETENTION_DAYS,
    }[c];
    return days * DAY_MS;
  }

  /** Every partition from the start of each table's retention to AHEAD_MS past now. */
  async ensureAhead(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const table of PARTITIONED_TABLES) {
      const from = floorTo(now - this.retentionMs(table.retention), DAY_MS);
      for (const p of partitionsBetween(table, from, now + AHEAD_MS)) await this.ensure(table, p);
    }
  }

  /** The partitions these instants fall in, for each table at the given retention classes. */
  async ensureFor(instants: Iterable<number>, classes: readonly RetentionClass[]): Promise<void> {
    const days = new Set<number>();
    for (const ms of instants) days.add(floorTo(ms, DAY_MS));
    for (const table of PARTITIONED_TABLES) {
      if (!classes.includes(table.retention)) continue;
      for (const day of days) await this.ensure(table, partitionFor(table, day));
    }
  }

  /**
   * Drops partitions past retention. A finer level is never dropped before it has been rolled up:
   * minute partitions wait for the hour seal, hour partitions for the day seal.
   */
  async applyRetention(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const sealed = await readSealedUntil(this.db.pool);
    const dropped: string[] = [];
    for (const table of PARTITIONED_TABLES) {
      let cutoff = now - this.retentionMs(table.retention);
      if (table.retention === 'minute') cutoff = Math.min(cutoff, sealed.hour);
      if (table.retention === 'hour') cutoff = Math.min(cutoff, sealed.day);
      const names = await dropPartitionsBefore(this.db.pool, table, cutoff);
      names.forEach((n) => this.known.delete(n));
      dropped.push(...names);
    }
    if (dropped.length > 0) this.logger.info({ dropped }, 'dropped expired partitions');
    return dropped;
  }

  private async ensure(table: PartitionedTable, p: ReturnType<typeof partitionFor>): Promise<void> {
    if (this.known.has(p.name)) return;
    if (await createPartition(this.db.pool, table, p))
      this.logger.debug({ partition: p.name }, 'partition ready');
    this.known.add(p.name);
  }
}
