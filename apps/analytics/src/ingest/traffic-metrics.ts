import { Injectable } from '@nestjs/common';
import { MetricsService } from '@portico/platform';
import type { Counter, Histogram } from 'prom-client';
import type { TrafficEvent } from './parse';
import { KeyTree } from '../shared/key-tree';
import { statusClass } from './aggregate';

/**
 * Prometheus series derived from ingested (new, deduplicated) events: per-API request counters and
 * latency histograms, plus the ingest pipeline's own counters.
 */
@Injectable()
export class TrafficMetrics {
  private readonly requests: Counter<'tenant' | 'api' | 'status_class'>;
  private readonly latency: Histogram<'tenant' | 'api'>;
  readonly ingested: Counter;
  readonly duplicates: Counter;
  readonly dropped: Counter<'reason'>;
  readonly batchSeconds: Histogram;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter(
      'portico_analytics_api_requests_total',
      'Gateway requests per API, from ingested request events.',
      ['tenant', 'api', 'status_class'],
    );
    this.latency = metrics.histogram(
      'portico_analytics_api_request_duration_seconds',
      'Gateway request duration per API (client-observed), from ingested request events.',
      ['tenant', 'api'],
    );
    this.ingested = metrics.counter(
      'portico_analytics_ingested_events_total',
      'Request events stored (each once).',
    );
    this.duplicates = metrics.counter(
      'portico_analytics_duplicate_events_total',
      'Redelivered request events recognised and skipped.',
    );
    this.dropped = metrics.counter(
      'portico_analytics_dropped_events_total',
      'Request events refused.',
      ['reason'],
    );
    this.batchSeconds = metrics.histogram(
      'portico_analytics_ingest_batch_duration_seconds',
      'Time to store one ingest batch, commit included.',
      [],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }

  /** Call after the batch committed. */
  observe(events: readonly TrafficEvent[]): void {
    const counts = new KeyTree<{ tenant: string; api: string; cls: string; n: number }>();
    const histograms = new KeyTree<ReturnType<Histogram<'tenant' | 'api'>['labels']>>();
    const key: unknown[] = [null, null, null];
    const apiKey: unknown[] = [null, null];
    for (const e of events) {
      const api = e.apiId ?? 'none';
      key[0] = e.tenantId;
      key[1] = api;
      key[2] = statusClass(e.status);
      apiKey[0] = e.tenantId;
      apiKey[1] = api;
      counts.getOrCreate(key, () => ({
        tenant: e.tenantId,
        api,
        cls: `${statusClass(e.status)}xx`,
        n: 0,
      })).n++;
      histograms
        .getOrCreate(apiKey, () => this.latency.labels({ tenant: e.tenantId, api }))
        .observe(e.latencyMs / 1000);
    }
    for (const c of counts.values())
      this.requests.inc({ tenant: c.tenant, api: c.api, status_class: c.cls }, c.n);
    this.ingested.inc(events.length);
  }
}
