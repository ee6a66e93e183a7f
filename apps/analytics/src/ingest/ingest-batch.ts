import { Inject, Injectable } from '@nestjs/common';
import type { DurableMessage } from '@portico/messaging';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';
import { CLOCK, type Clock } from '../shared/clock';
import { INGEST_HOOKS, type IngestHooks } from '../shared/core.module';
import { AnalyticsDb, ROLLUP_SHARED_LOCK_SQL } from '../shared/database';
import { Outbox } from '../shared/outbox';
import { DAY_MS, floorTo, LEVELS, MINUTE_MS } from '../shared/time';
import { PartitionManager } from '../storage/partition-manager';
import { addErrors, addRollups, addTenantRollups, readSealedUntil } from '../storage/rollup-store';
import { aggregate } from './aggregate';
import { parseTrafficMessages, type TrafficEvent } from './parse';
import { insertRawEvents } from './raw-writer';
import { TrafficMetrics } from './traffic-metrics';
import { addCatalog, addUsage } from './usage-writer';

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  dropped: number;
  thresholdEvents: number;
}

/**
 * One ingest transaction for a batch of traffic messages: raw events (deduplicated on request id
 * and time), rollups, usage and quota threshold events, all committed together. The durable
 * consumer acknowledges the messages only after this resolves, so a crash at any point before
 * COMMIT redelivers the batch and the raw table's key makes the retry count each event once.
 */
@Injectable()
export class IngestBatch {
  constructor(
    private readonly db: AnalyticsDb,
    private readonly partitions: PartitionManager,
    private readonly outbox: Outbox,
    private readonly metrics: TrafficMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INGEST_HOOKS) private readonly hooks: IngestHooks,
    @InjectConfig() private readonly config: AnalyticsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async run(messages: readonly DurableMessage[]): Promise<IngestResult> {
    const started = process.hrtime.bigint();
    const now = this.clock.now();
    const nowMs = now.getTime();
    const parsed = parseTrafficMessages(messages);
    if (parsed.invalid > 0) {
      this.metrics.dropped.inc({ reason: 'invalid' }, parsed.invalid);
      this.logger.warn(
        { invalid: parsed.invalid, seqs: messages.map((m) => m.seq) },
        'invalid request events skipped',
      );
    }
    const oldest = nowMs - this.partitions.retentionMs('raw');
    const newest = nowMs + this.config.ANALYTICS_MAX_FUTURE_SKEW_MS;
    const events: TrafficEvent[] = [];
    let tooOld = 0;
    let tooNew = 0;
    for (const e of parsed.events) {
      if (e.ms < oldest) tooOld++;
      else if (e.ms > newest) tooNew++;
      else events.push(e);
    }
    if (tooOld + tooNew > 0) {
      // Outside the raw retention there is no record to deduplicate against: refused, not guessed.
      if (tooOld) this.metrics.dropped.inc({ reason: 'too_old' }, tooOld);
      if (tooNew) this.metrics.dropped.inc({ reason: 'future' }, tooNew);
      this.logger.warn(
        { tooOld, tooNew },
        'request events outside the accepted time window skipped',
      );
    }
    const result: IngestResult = {
      received: parsed.events.length + parsed.invalid + parsed.duplicates,
      stored: 0,
      duplicates: parsed.duplicates,
      dropped: parsed.invalid + tooOld + tooNew,
      thresholdEvents: 0,
    };
    if (events.length === 0) return result;

    await this.partitions.ensureFor(eventDays(events), ['raw', 'minute', 'hour', 'day']);
    const minuteFrom =
      floorTo(nowMs - this.partitions.retentionMs('minute'), MINUTE_MS) + MINUTE_MS;
    const hourFrom = nowMs - this.partitions.retentionMs('hour');
    const fresh = await this.db.transaction(async (client) => {
      const inserted = await insertRawEvents(client, events);
      if (inserted.length === 0) return inserted;
      await client.query(ROLLUP_SHARED_LOCK_SQL);
      const sealed = await readSealedUntil(client);
      const agg = aggregate(inserted, {
        minuteFrom,
        hourFrom,
        hourSealedUntil: sealed.hour,
        daySealedUntil: sealed.day,
      });
      for (const level of LEVELS) {
        const rows = agg.rollups[level].map((r) => ({ ...r, sketch: r.sketch.encode() }));
        await addRollups(client, level, rows);
        await addTenantRollups(client, level, rows);
        await addErrors(client, level, agg.errors[level]);
      }
      result.thresholdEvents = await addUsage(client, agg.usage, now);
      await addCatalog(client, agg.catalog);
      if (this.hooks.beforeCommit) {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await this.hooks.beforeCommit({ newEvents: inserted.length, backendPid: rows[0]!.pid });
      }
      return inserted;
    });

    result.stored = fresh.length;
    result.duplicates += events.length - fresh.length;
    this.metrics.observe(fresh);
    if (result.duplicates > 0) this.metrics.duplicates.inc(result.duplicates);
    this.metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    if (result.thresholdEvents > 0) this.outbox.notify();
    return result;
  }
}

function eventDays(events: readonly TrafficEvent[]): Set<number> {
  const days = new Set<number>();
  let last = Number.NaN;
  for (const e of events) {
    const day = floorTo(e.ms, DAY_MS);
    if (day !== last) days.add((last = day));
  }
  return days;
}
