import { Injectable } from '@nestjs/common';
import { MetricsService } from '@portico/platform';
import type { Counter, Histogram } from 'prom-client';

/** Seconds from a message's creation to its successful delivery: milliseconds up to retry hours. */
const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 36_000, 129_600,
];

@Injectable()
export class DeliveryMetrics {
  readonly messages: Counter<'source'>;
  readonly attempts: Counter<'result'>;
  readonly deliveries: Counter<'outcome'>;
  readonly failures: Counter<'reason'>;
  readonly deferred: Counter<'reason'>;
  readonly latency: Histogram;

  constructor(metrics: MetricsService) {
    this.messages = metrics.counter(
      'portico_webhook_messages_total',
      'Messages accepted for delivery.',
      ['source'],
    );
    this.attempts = metrics.counter('portico_webhook_attempts_total', 'HTTP delivery attempts.', [
      'result',
    ]);
    this.deliveries = metrics.counter(
      'portico_webhook_deliveries_total',
      'Deliveries that ended: succeeded, or failed after every retry (or endpoint disabled).',
      ['outcome'],
    );
    this.failures = metrics.counter('portico_webhook_failures_total', 'Failed attempts by cause.', [
      'reason',
    ]);
    this.deferred = metrics.counter(
      'portico_webhook_deferred_total',
      'Deliveries put back without an attempt (open circuit breaker, rate limit).',
      ['reason'],
    );
    this.latency = metrics.histogram(
      'portico_webhook_delivery_latency_seconds',
      'From message creation to successful delivery.',
      [],
      LATENCY_BUCKETS,
    );
  }

  failureReason(status: number | null, error: string | null): string {
    if (status === null) return error?.startsWith('timed out') ? 'timeout' : 'network';
    if (status === 410) return 'gone';
    return `http_${Math.floor(status / 100)}xx`;
  }
}
