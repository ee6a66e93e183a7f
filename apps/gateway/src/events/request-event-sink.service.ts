import path from 'node:path';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  Streams,
  trafficSubject,
  type LoggerLike,
  type RequestEvent,
  type RequestEventBatch,
} from '@portico/contracts';
import { InjectConfig, InjectLogger, MessagingService, MetricsService } from '@portico/platform';
import type { RequestEventSink } from '../pipeline/contracts';
import { toBatches, type EventBatch } from './batches';
import type { EventsConfig } from './config';
import { SpillStore } from './spill-store';

/** Batches published at once; more would only queue in the client. */
const PUBLISH_CONCURRENCY = 8;

type Count = { inc(n?: number): void };

/**
 * Request events, one per request: `record` only pushes into an array. A single flush loop, started
 * by size (a full batch) or time (the interval), publishes batches per tenant to JetStream. What
 * cannot be published goes to the spill store, which is replayed in order (before newer events)
 * once NATS answers again, and at start for what a previous run left behind.
 */
@Injectable()
export class RequestEventSinkService
  implements RequestEventSink, OnModuleInit, OnApplicationShutdown
{
  private buffer: RequestEvent[] = [];
  private flushing: Promise<void> | null = null;
  private again = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private ready: Promise<void> = Promise.resolve();
  private streamChecked = false;
  readonly spill: SpillStore;
  private readonly published: Count;
  private readonly spilled: Count;
  private readonly dropped: Count;

  constructor(
    @InjectConfig() private readonly config: EventsConfig & { PORTICO_NATS_NAMESPACE?: string },
    private readonly messaging: MessagingService,
    metrics: MetricsService,
    @InjectLogger() private readonly logger: LoggerLike,
  ) {
    // Spilled events belong to the NATS namespace they were meant for (several environments or
    // test suites may share a machine): each namespace replays only its own.
    const ns = config.PORTICO_NATS_NAMESPACE ?? '';
    this.spill = new SpillStore(
      ns ? path.join(config.GATEWAY_EVENTS_SPILL_DIR, ns) : config.GATEWAY_EVENTS_SPILL_DIR,
      config.GATEWAY_EVENTS_SPILL_SEGMENT_BYTES,
      config.GATEWAY_EVENTS_SPILL_MAX_BYTES,
    );
    this.published = metrics.counter(
      'portico_gateway_events_published_total',
      'Request events stored in JetStream.',
    );
    this.spilled = metrics.counter(
      'portico_gateway_events_spilled_total',
      'Request events written to the local spill file because NATS could not take them.',
    );
    this.dropped = metrics.counter(
      'portico_gateway_events_dropped_total',
      'Request events lost: neither published nor spilled.',
    );
  }

  onModuleInit(): void {
    // Off: no spill directory, no flush timer (what an earlier run spilled waits for events on).
    if (!this.config.GATEWAY_EVENTS_ENABLED) return;
    this.ready = this.spill.init().then(
      (leftover) => {
        if (leftover > 0) this.logger.info({ leftover }, 'spilled request events to replay');
      },
      (err: unknown) => this.logger.error({ err }, 'request event spill directory unusable'),
    );
    this.timer = setInterval(() => this.kick(), this.config.GATEWAY_EVENTS_FLUSH_INTERVAL_MS);
    this.timer.unref();
    this.messaging.onConnected(() => this.kick());
    // Runs before the NATS connection drains at shutdown: the last events can still be published.
    this.messaging.onShutdown(() => this.onApplicationShutdown());
  }

  record(event: RequestEvent): void {
    if (!this.config.GATEWAY_EVENTS_ENABLED) return;
    const n = this.buffer.push(event);
    if (this.stopped) {
      // After shutdown nothing flushes on a timer any more: a straggler goes out (or to disk) now.
      this.kick();
    } else if (n >= this.config.GATEWAY_EVENTS_BUFFER_SIZE) {
      // The flusher is behind (or NATS hangs): hand the whole buffer to the disk, keep serving.
      const overflow = this.buffer;
      this.buffer = [];
      void this.toSpill(toBatches(overflow, this.config.GATEWAY_EVENTS_BATCH_SIZE));
    } else if (n >= this.config.GATEWAY_EVENTS_BATCH_SIZE && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.kick();
      });
    }
  }

  /** Publishes (or spills) everything buffered so far; resolves when done. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.kick();
    while (this.flushing) await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    await this.flush();
    await this.spill.close().catch((err: unknown) => this.logger.error({ err }, 'spill close'));
  }

  private kick(): void {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = this.run().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async run(): Promise<void> {
    await this.ready;
    try {
      if (this.spill.pending && this.messaging.connected) await this.replay();
      while (this.buffer.length > 0) {
        const events = this.buffer;
        this.buffer = [];
        const batches = toBatches(events, this.config.GATEWAY_EVENTS_BATCH_SIZE);
        // While older events wait on disk, newer ones queue behind them to keep the order.
        if (!this.messaging.connected || this.spill.pending) await this.toSpill(batches);
        else await this.publishAll(batches);
      }
    } catch (err) {
      this.logger.error({ err }, 'request event flush failed');
    }
  }

  private async publishAll(batches: EventBatch[]): Promise<void> {
    const failed: EventBatch[] = [];
    for (let i = 0; i < batches.length; i += PUBLISH_CONCURRENCY) {
      const slice = batches.slice(i, i + PUBLISH_CONCURRENCY);
      const results = await Promise.all(slice.map((b) => this.publish(b)));
      results.forEach((ok, j) => {
        if (!ok) failed.push(slice[j]!);
      });
    }
    if (failed.length > 0) await this.toSpill(failed);
  }

  /** True when JetStream stored the batch (or already had it: a re-send after a lost ack). */
  private async publish(batch: EventBatch): Promise<boolean> {
    try {
      const m = this.messaging.get();
      if (!this.streamChecked) {
        // Normally there already (MessagingService provisions it on connect); after a failure it
        // may have been deleted, and publishing into nothing would fail until someone recreates it.
        await m.ensureStreams([Streams.traffic]);
        this.streamChecked = true;
      }
      const body: RequestEventBatch = { events: batch.events };
      const ack = await m.publishJson(trafficSubject(batch.tenantId), body, {
        msgId: batch.msgId,
        timeoutMs: this.config.GATEWAY_EVENTS_PUBLISH_TIMEOUT_MS,
      });
      if (!ack.duplicate) this.published.inc(batch.events.length);
      return true;
    } catch (err) {
      this.streamChecked = false;
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err), events: batch.events.length },
        'publishing request events failed; spilling',
      );
      return false;
    }
  }

  /** Replays spilled segments in order; stops at the first failure, keeping what is left. */
  private async replay(): Promise<void> {
    for (const name of await this.spill.closedSegments()) {
      const batches = await this.spill.read(name);
      for (let i = 0; i < batches.length; i++) {
        if (this.messaging.connected && (await this.publish(batches[i]!))) continue;
        await this.spill.rewrite(name, batches.slice(i));
        return;
      }
      await this.spill.remove(name);
      this.logger.info({ segment: name, batches: batches.length }, 'replayed spilled events');
    }
  }

  private async toSpill(batches: EventBatch[]): Promise<void> {
    const events = batches.reduce((n, b) => n + b.events.length, 0);
    if (events === 0) return;
    let ok = false;
    try {
      ok = await this.spill.append(batches);
    } catch (err) {
      this.logger.error({ err }, 'spilling request events failed');
    }
    if (ok) this.spilled.inc(events);
    else {
      this.dropped.inc(events);
      this.logger.error({ events }, 'request events dropped: spill full or unusable');
    }
  }

  /** Events waiting in memory (for metrics and tests). */
  get buffered(): number {
    return this.buffer.length;
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}
