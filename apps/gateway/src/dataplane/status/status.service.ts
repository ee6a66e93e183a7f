import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Discovery, ServiceInstance } from '@portico/discovery';
import { InjectConfig, InjectDiscovery, InjectLogger } from '@portico/platform';
import type { Log } from '../logger';
import { Agent, request } from 'undici';
import type { DataPlaneConfig } from '../config';

export type Health = 'healthy' | 'degraded' | 'down';

export interface ServiceStatus {
  name: string;
  status: Health;
  /** Slowest instance's /health/ready answer in the last probe (null when none answered). */
  responseTimeMs: number | null;
  lastCheck: string | null;
  /** Share of probes since the gateway started that found the service up (0–100). */
  uptime: number;
  version: string | null;
  instances: { total: number; healthy: number };
}

export interface SuiteStatus {
  status: Health;
  services: ServiceStatus[];
}

interface Tally {
  status: ServiceStatus;
  up: number;
  probes: number;
}

/**
 * Probes each suite service's /health/ready on every instance discovery knows, on an interval,
 * and keeps the last answer: status requests read the cache and never wait for a probe.
 */
@Injectable()
export class StatusService implements OnModuleInit, OnApplicationShutdown {
  private readonly tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private readonly logger: Log;
  /** Its own pool, closed at shutdown (probes must not hold the process open). */
  private readonly agent = new Agent({ keepAliveTimeout: 5_000 });

  constructor(
    @InjectConfig() private readonly config: DataPlaneConfig,
    @InjectDiscovery() private readonly discovery: Discovery,
    @InjectLogger() logger: Log,
  ) {
    this.logger = logger.child({ component: 'status' });
    for (const name of config.GATEWAY_STATUS_SERVICES) {
      this.tallies.set(name, {
        status: {
          name,
          status: 'down',
          responseTimeMs: null,
          lastCheck: null,
          uptime: 0,
          version: null,
          instances: { total: 0, healthy: 0 },
        },
        up: 0,
        probes: 0,
      });
    }
  }

  onModuleInit(): void {
    this.probing = this.probeAll();
    this.timer = setInterval(() => {
      this.probing ??= this.probeAll().finally(() => (this.probing = undefined));
    }, this.config.GATEWAY_STATUS_INTERVAL_MS);
    this.timer.unref();
    void this.probing.finally(() => (this.probing = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.probing?.catch(() => undefined);
    await this.agent.close().catch(() => undefined);
  }

  /** The cached picture; the first call waits for the first probe round. */
  async status(): Promise<SuiteStatus> {
    if (this.probing && [...this.tallies.values()].every((t) => t.probes === 0)) await this.probing;
    const services = [...this.tallies.values()].map((t) => ({ ...t.status }));
    const up = services.filter((s) => s.status !== 'down').length;
    const overall: Health =
      up === services.length && services.every((s) => s.status === 'healthy')
        ? 'healthy'
        : up === 0
          ? 'down'
          : 'degraded';
    return { status: overall, services };
  }

  private async probeAll(): Promise<void> {
    await Promise.all([...this.tallies.entries()].map(([name, t]) => this.probe(name, t)));
  }

  private async probe(name: string, t: Tally): Promise<void> {
    let instances: ServiceInstance[] = [];
    try {
      instances = await this.discovery.resolve(name);
    } catch (err) {
      this.logger.debug({ err, service: name }, 'discovery failed');
    }
    const results = await Promise.all(instances.map((i) => this.probeInstance(i)));
    const healthy = results.filter((r) => r.ok);
    const s = t.status;
    s.instances = { total: instances.length, healthy: healthy.length };
    s.status =
      healthy.length === 0 ? 'down' : healthy.length === results.length ? 'healthy' : 'degraded';
    s.responseTimeMs = healthy.length ? Math.max(...healthy.map((r) => r.ms)) : null;
    s.lastCheck = new Date().toISOString();
    s.version = instances.map(versionOf).find((v) => v !== null) ?? null;
    t.probes++;
    if (healthy.length > 0) t.up++;
    s.uptime = Math.round((t.up / t.probes) * 10_000) / 100;
  }

  private async probeInstance(i: ServiceInstance): Promise<{ ok: boolean; ms: number }> {
    const started = performance.now();
    try {
      const res = await request(`${i.url}/health/ready`, {
        method: 'GET',
        dispatcher: this.agent,
        headersTimeout: this.config.GATEWAY_STATUS_TIMEOUT_MS,
        bodyTimeout: this.config.GATEWAY_STATUS_TIMEOUT_MS,
        signal: AbortSignal.timeout(this.config.GATEWAY_STATUS_TIMEOUT_MS),
      });
      await res.body.dump();
      return { ok: res.statusCode === 200, ms: Math.round(performance.now() - started) };
    } catch {
      return { ok: false, ms: Math.round(performance.now() - started) };
    }
  }
}

function versionOf(i: ServiceInstance): string | null {
  if (i.meta['version']) return i.meta['version'];
  const tag = i.tags.find((t) => t.startsWith('version:'));
  return tag ? tag.slice('version:'.length) : null;
}
