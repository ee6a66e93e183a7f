import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { LoggerLike, Upstream } from '@portico/contracts';
import type { Discovery } from '@portico/discovery';
import { InjectConfig, InjectDiscovery, InjectLogger, MetricsService } from '@portico/platform';
import { Gauge } from 'prom-client';
import {
  UpstreamError,
  type UpstreamInstanceHealth,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamRouter,
} from '../pipeline/contracts';
import type { UpstreamsConfig } from './config';
import { UpstreamSet } from './upstream-set';

export const UPSTREAM_HEALTH_METRIC = 'portico_gateway_upstream_health';

/**
 * The gateway's UpstreamRouter. An upstream definition maps to one UpstreamSet, found by object
 * identity on the hot path (the snapshot's objects are reused by every request) and by a stable
 * key otherwise, so an unchanged definition in a new snapshot keeps its pools, health and breakers.
 */
@Injectable()
export class UpstreamRouterService implements UpstreamRouter, OnApplicationShutdown {
  private readonly byDefinition = new WeakMap<Upstream, UpstreamSet>();
  private readonly byKey = new Map<string, UpstreamSet>();

  constructor(
    @InjectConfig() private readonly config: UpstreamsConfig,
    @InjectDiscovery() private readonly discovery: Discovery,
    @InjectLogger() private readonly logger: LoggerLike,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    const registry = metrics.registry;
    // A fresh router (tests build several on one registry) takes the metric over.
    if (registry.getSingleMetric(UPSTREAM_HEALTH_METRIC))
      registry.removeSingleMetric(UPSTREAM_HEALTH_METRIC);
    const health = () => this.health();
    new Gauge({
      name: UPSTREAM_HEALTH_METRIC,
      help: 'Whether an upstream instance receives traffic (1) or is out: ejected, failing health checks or circuit open (0).',
      labelNames: ['upstream', 'instance'],
      registers: [registry],
      collect() {
        this.reset();
        for (const h of health())
          this.set({ upstream: h.upstream, instance: h.instance }, h.healthy ? 1 : 0);
      },
    });
  }

  send(upstream: Upstream, req: UpstreamRequest): Promise<UpstreamResponse> {
    let set = this.byDefinition.get(upstream);
    if (set === undefined || set.closed) {
      try {
        set = this.setFor(upstream);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return set.send(req);
  }

  retain(upstreams: Upstream[]): void {
    const keep = new Set(upstreams.map(upstreamKey));
    for (const [key, set] of this.byKey) {
      if (keep.has(key)) continue;
      this.byKey.delete(key);
      void set.close();
    }
  }

  health(): UpstreamInstanceHealth[] {
    const out: UpstreamInstanceHealth[] = [];
    for (const set of this.byKey.values()) out.push(...set.health());
    return out;
  }

  async onApplicationShutdown(): Promise<void> {
    const sets = [...this.byKey.values()];
    this.byKey.clear();
    await Promise.all(sets.map((s) => s.close(2_000)));
  }

  private setFor(upstream: Upstream): UpstreamSet {
    const key = upstreamKey(upstream);
    let set = this.byKey.get(key);
    if (set === undefined) {
      set = new UpstreamSet(key, upstreamLabel(upstream), upstream, {
        config: this.config,
        discovery: this.discovery,
        logger: this.logger,
      });
      this.byKey.set(key, set);
    }
    this.byDefinition.set(upstream, set);
    return set;
  }
}

/** Everything that makes two definitions behave differently, in a fixed order. */
export function upstreamKey(u: Upstream): string {
  const hc = u.healthCheck;
  const check = hc
    ? `${hc.path ?? '/health'}|${hc.intervalMs ?? 30_000}|${hc.timeoutMs ?? 5_000}|${hc.unhealthyThreshold ?? 3}`
    : '-';
  const lb = u.loadBalancing ?? 'round-robin';
  if (u.service) return `service:${u.service}|${lb}|${check}`;
  if (u.targets?.length) {
    const targets = u.targets.map((t) => `${t.url}*${t.weight ?? 100}`).join(',');
    return `targets:${targets}|${lb}|${check}`;
  }
  throw new UpstreamError(
    'UPSTREAM_UNAVAILABLE',
    'The upstream names neither a service nor targets',
  );
}

function upstreamLabel(u: Upstream): string {
  return u.service ?? (u.targets ?? []).map((t) => t.url).join(',');
}
