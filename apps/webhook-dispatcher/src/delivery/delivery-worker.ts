import { randomBytes } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { Outbox } from '../common/outbox';
import { nextRetryDelayMs, RETRY_AFTER_STATUSES } from '../common/retry-schedule';
import type { WebhookDispatcherConfig } from '../config';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryQueue } from './delivery-queue';
import type { DeliveryJob, DeliveryResult } from './delivery.types';
import { EndpointThrottle } from './endpoint-throttle';
import { WebhookSender } from './webhook-sender';

const FLUSH_DELAY_MS = 5;
const MAX_BACKOFF_MS = 10_000;

/**
 * Claims due deliveries, sends them concurrently (up to WEBHOOK_WORKER_CONCURRENCY) and writes the
 * outcomes back in batches. A delivery's slot is freed only once its outcome is committed, so a
 * slow database slows claiming instead of piling up unrecorded results; a crash before the commit
 * leaves the lease to expire and the delivery is sent again (at least once).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly pending: Array<{ result: DeliveryResult; done: () => void }> = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly throttle: EndpointThrottle;
  private readonly owner = randomBytes(6).toString('hex');
  private claims = 0;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly metrics: DeliveryMetrics,
    @InjectConfig() private readonly config: WebhookDispatcherConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.throttle = new EndpointThrottle({
      breakerFailures: config.WEBHOOK_BREAKER_FAILURES,
      breakerOpenMs: config.WEBHOOK_BREAKER_OPEN_SECONDS * 1000,
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loopDone = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loopDone;
    // Deliveries in flight end within their timeout; their outcomes are written before we go.
    while (this.inFlight > 0) {
      await this.flush();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Room for up to `wanted` deliveries that the caller inserts already leased to this worker (a
   * fan-out): they are counted in flight from now on. Give back what is not used with release().
   */
  reserve(wanted: number): { slots: number; owner: string } {
    const slots = this.running
      ? Math.max(0, Math.min(wanted, this.config.WEBHOOK_WORKER_CONCURRENCY - this.inFlight))
      : 0;
    this.inFlight += slots;
    return { slots, owner: `${this.owner}-${++this.claims}` };
  }

  release(slots: number): void {
    this.inFlight -= slots;
  }

  /** Starts deliveries reserved with reserve() and committed as leased to this worker. */
  accept(jobs: readonly DeliveryJob[]): void {
    for (const job of jobs) void this.handle(job);
  }

  /** New deliveries are due now (after a fan-out, a resend, or a test moving the clock). */
  notify(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const free = this.config.WEBHOOK_WORKER_CONCURRENCY - this.inFlight;
      const limit = Math.min(this.config.WEBHOOK_WORKER_BATCH, free);
      if (limit <= 0) {
        await this.sleep(this.config.WEBHOOK_POLL_INTERVAL_MS);
        continue;
      }
      this.woken = false;
      let jobs: DeliveryJob[];
      try {
        jobs = await this.queue.claim(
          this.clock.now(),
          limit,
          this.config.WEBHOOK_LEASE_MARGIN_SECONDS,
          `${this.owner}-${++this.claims}`,
        );
        failures = 0;
      } catch (err) {
        failures++;
        const delay = Math.min(250 * 2 ** failures, MAX_BACKOFF_MS);
        this.logger.warn({ err, retryInMs: delay }, 'claiming deliveries failed');
        await this.sleep(delay);
        continue;
      }
      for (const job of jobs) {
        this.inFlight++;
        void this.handle(job);
      }
      if (jobs.length < limit && !this.woken)
        await this.sleep(this.config.WEBHOOK_POLL_INTERVAL_MS);
    }
  }

  private async handle(job: DeliveryJob): Promise<void> {
    let result: DeliveryResult;
    try {
      result = await this.process(job);
    } catch (err) {
      // A bug, not a receiver's failure: keep the lease, so the delivery is retried when it ends.
      this.logger.error(
        { err, messageId: job.messageId, endpointId: job.endpointId },
        'delivery crashed',
      );
      this.inFlight--;
      return;
    }
    await new Promise<void>((done) => {
      this.pending.push({ result, done });
      this.scheduleFlush();
    });
    this.inFlight--;
    this.notify();
  }

  private async process(job: DeliveryJob): Promise<DeliveryResult> {
    const base = { job, attemptCount: job.attemptCount };
    if (!job.isActive) {
      this.metrics.deliveries.inc({ outcome: 'failed' });
      return { ...base, status: 'failed', nextAttemptAt: null, note: 'The endpoint is disabled.' };
    }
    const rateWait = this.throttle.rateLimitWait(job.endpointId, job.rateLimitPerSecond);
    if (rateWait > 0) {
      this.metrics.deferred.inc({ reason: 'rate_limit' });
      return { ...base, status: 'pending', nextAttemptAt: this.later(rateWait) };
    }
    const run = await this.throttle.run(job.endpointId, () => this.sender.send(job));
    if ('wait' in run) {
      this.metrics.deferred.inc({ reason: 'breaker' });
      return { ...base, status: 'pending', nextAttemptAt: this.later(run.wait) };
    }
    const attempt = run.result;
    const attemptCount = job.attemptCount + 1;
    const done = { job, attempt, attemptCount };
    if (attempt.succeeded) {
      this.metrics.attempts.inc({ result: 'success' });
      this.metrics.deliveries.inc({ outcome: 'succeeded' });
      const seconds = (this.clock.now().getTime() - job.messageCreatedAt.getTime()) / 1000;
      this.metrics.latency.observe(Math.max(0, seconds));
      return { ...done, status: 'succeeded', nextAttemptAt: null };
    }
    this.metrics.attempts.inc({ result: 'failure' });
    this.metrics.failures.inc({
      reason: this.metrics.failureReason(attempt.responseStatus, attempt.error),
    });
    if (attempt.responseStatus === 410) {
      this.metrics.deliveries.inc({ outcome: 'failed' });
      return { ...done, status: 'failed', nextAttemptAt: null, gone: true };
    }
    const retryAfter =
      attempt.responseStatus !== null && RETRY_AFTER_STATUSES.has(attempt.responseStatus)
        ? attempt.retryAfterSeconds
        : null;
    const delay = nextRetryDelayMs(job, attemptCount, Math.random, retryAfter);
    if (delay === null) {
      this.metrics.deliveries.inc({ outcome: 'failed' });
      return { ...done, status: 'failed', nextAttemptAt: null, exhausted: true };
    }
    return { ...done, status: 'pending', nextAttemptAt: this.later(delay) };
  }

  private later(ms: number): Date {
    return new Date(this.clock.now().getTime() + ms);
  }

  private scheduleFlush(): void {
    if (this.pending.length >= this.config.WEBHOOK_WORKER_BATCH) {
      void this.flush();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.flush();
      }, FLUSH_DELAY_MS);
    }
  }

  /** Writes the buffered outcomes; callers waiting on them are released once committed. */
  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      let failures = 0;
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.config.WEBHOOK_WORKER_BATCH);
        try {
          const outcome = await this.queue.record(
            batch.map((b) => b.result),
            this.clock.now(),
            this.config.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
          );
          if (outcome.eventsWritten > 0) this.outbox.notify();
          batch.forEach((b) => b.done());
          failures = 0;
        } catch (err) {
          this.pending.unshift(...batch);
          failures++;
          const delay = Math.min(100 * 2 ** failures, MAX_BACKOFF_MS);
          this.logger.warn({ err, retryInMs: delay }, 'recording delivery outcomes failed');
          await new Promise((r) => setTimeout(r, delay).unref());
        }
      }
    })().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.scheduleFlush();
    });
    return this.flushing;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }
}
