import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type AlertScope, createCloudEvent, type EventData } from '@portico/contracts';
import { writeOutboxEvent } from '@portico/messaging';
import { InjectConfig, InjectDatabase, InjectLogger } from '@portico/platform';
import type { Logger } from 'pino';
import type { AnalyticsConfig } from '../config';
import type { AlertRule as AlertRuleRecord, PrismaClient } from '../generated/prisma/client';
import { CLOCK, type Clock } from '../shared/clock';
import { AnalyticsDb } from '../shared/database';
import { LatencySketch } from '../shared/latency-sketch';
import { Outbox } from '../shared/outbox';
import { floorTo, MINUTE_MS } from '../shared/time';
import { breaches, metricValue, transition, type WindowStats } from './alert-rule';

/**
 * Evaluates every enabled rule over its window of minute rollups. A state change and its
 * `analytics.alert.triggered` / `analytics.alert.resolved` event commit together, under a row lock,
 * so each crossing emits exactly one event however many instances evaluate.
 */
@Injectable()
export class AlertEvaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDatabase() private readonly prisma: PrismaClient,
    private readonly db: AnalyticsDb,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectConfig() private readonly config: AnalyticsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.evaluateAll()
        .catch((err: unknown) => this.logger.warn({ err }, 'alert evaluation failed'))
        .finally(() => (this.running = undefined));
    }, this.config.ANALYTICS_ALERT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round over every enabled rule; returns the number of events written. */
  async evaluateAll(): Promise<number> {
    const rules = await this.prisma.alertRule.findMany({
      where: { enabled: true },
      orderBy: { id: 'asc' },
    });
    let events = 0;
    for (const rule of rules) {
      try {
        if (await this.evaluate(rule)) events++;
      } catch (err) {
        this.logger.warn({ err, alertId: rule.id }, 'alert rule evaluation failed');
      }
    }
    if (events > 0) this.outbox.notify();
    return events;
  }

  private async evaluate(rule: AlertRuleRecord): Promise<boolean> {
    const now = this.clock.now();
    const value = metricValue(rule.metric as never, await this.windowStats(rule, now.getTime()));
    const breached = breaches(value, rule.operator as never, rule.threshold);
    return this.prisma.$transaction(async (tx) => {
      const [current] = await tx.$queryRawUnsafe<Array<{ state: string; enabled: boolean }>>(
        'SELECT state, enabled FROM alert_rules WHERE id = $1 FOR UPDATE',
        rule.id,
      );
      if (!current?.enabled) return false;
      const change = transition(current.state, breached);
      await tx.alertRule.update({
        where: { id: rule.id },
        data: {
          lastValue: value,
          lastEvaluatedAt: now,
          ...(change
            ? { state: change === 'triggered' ? 'firing' : 'ok', stateChangedAt: now }
            : {}),
        },
      });
      if (!change) return false;
      const data: EventData<'analytics.alert.triggered'> = {
        alertId: rule.id,
        name: rule.name,
        metric: rule.metric,
        value,
        threshold: rule.threshold,
        scope: scopeRecord(rule.scope as AlertScope),
      };
      await writeOutboxEvent(
        tx,
        createCloudEvent({
          source: 'analytics',
          type: change === 'triggered' ? 'analytics.alert.triggered' : 'analytics.alert.resolved',
          tenantId: rule.tenantId,
          subject: rule.id,
          data,
          time: now,
        }),
      );
      return true;
    });
  }

  private async windowStats(rule: AlertRuleRecord, now: number): Promise<WindowStats> {
    const scope = rule.scope as AlertScope;
    const to = floorTo(now, MINUTE_MS) + MINUTE_MS;
    const from = to - rule.windowMinutes * MINUTE_MS;
    const [row] = await this.db.query<{
      count: number | null;
      errors: number | null;
      latency_sum: number | null;
      latency_max: number | null;
      sketch: Buffer | null;
    }>(
      `SELECT sum(count) AS count, sum(errors) AS errors, sum(latency_sum) AS latency_sum,
              max(latency_max) AS latency_max, string_agg(sketch, ''::bytea) AS sketch
       FROM rollup_minute
       WHERE tenant_id = $1 AND bucket >= $2 AND bucket < $3 AND ($4::text IS NULL OR api_id = $4)
         AND ($5::text IS NULL OR route_id = $5) AND ($6::text IS NULL OR consumer_id = $6)`,
      [
        rule.tenantId,
        new Date(from).toISOString(),
        new Date(to).toISOString(),
        scope.apiId ?? null,
        scope.routeId ?? null,
        scope.consumerId ?? null,
      ],
    );
    const sketch = row?.sketch ? LatencySketch.decode(row.sketch) : new LatencySketch();
    const cap = (v: number) => Math.min(v, row?.latency_max ?? v);
    return {
      requests: row?.count ?? 0,
      errors: row?.errors ?? 0,
      latencySum: row?.latency_sum ?? 0,
      p95: cap(sketch.quantile(0.95)),
      p99: cap(sketch.quantile(0.99)),
    };
  }
}

function scopeRecord(scope: AlertScope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(scope)) if (typeof v === 'string') out[k] = v;
  return out;
}
