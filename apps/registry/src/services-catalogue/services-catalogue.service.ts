import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PorticoError,
  type CatalogueInstance,
  type CatalogueService,
  type ServiceCatalogue,
  type Upstream,
} from '@portico/contracts';
import {
  ConsulClient,
  StaticDiscovery,
  type Discovery,
  type ServiceInstance,
} from '@portico/discovery';
import { InjectConfig, InjectDatabase, InjectDiscovery } from '@portico/platform';
import type { RegistryConfig } from '../config';
import type { PrismaClient } from '../generated/prisma/client';

const STATIC_NOTE =
  'Discovery is static (CONSUL_HTTP_ADDR is not set): these addresses come from configuration ' +
  '(PORTICO_STATIC_SERVICES and the default ports) and are reported healthy without any check.';

/**
 * What the gateway can route to by service name: every service discovery knows, each instance with
 * its health, and which of the tenant's versions name it as their upstream. Services named by a
 * version but unknown to discovery are listed too, with no instances, so the gap is visible.
 */
@Injectable()
export class ServicesCatalogueService {
  private readonly consul: ConsulClient | undefined;

  constructor(
    @InjectDiscovery() private readonly discovery: Discovery,
    @InjectConfig() config: RegistryConfig,
    @InjectDatabase() private readonly db: PrismaClient,
  ) {
    if (discovery.mode === 'consul' && config.CONSUL_HTTP_ADDR) {
      this.consul = new ConsulClient({
        addr: config.CONSUL_HTTP_ADDR,
        ...(config.CONSUL_HTTP_TOKEN ? { token: config.CONSUL_HTTP_TOKEN } : {}),
      });
    }
  }

  async catalogue(tenantId: string): Promise<ServiceCatalogue> {
    const [known, usage] = await Promise.all([this.knownServices(), this.usage(tenantId)]);
    for (const name of usage.keys()) if (!known.has(name)) known.set(name, []);
    const services: CatalogueService[] = [...known.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, instances]) => ({
        name,
        instances: instances.map(toCatalogueInstance),
        healthyInstances: instances.filter((i) => i.healthy).length,
        usedBy: usage.get(name) ?? [],
      }));
    return this.discovery.mode === 'static'
      ? { discovery: 'static', note: STATIC_NOTE, services }
      : { discovery: 'consul', services };
  }

  /** Every instance, healthy or not (Discovery.resolve only gives the healthy ones). */
  private async knownServices(): Promise<Map<string, ServiceInstance[]>> {
    const out = new Map<string, ServiceInstance[]>();
    if (this.consul) {
      try {
        const names = Object.keys(await this.consul.catalogServices()).filter(
          (n) => n !== 'consul',
        );
        const lists = await Promise.all(names.map((n) => this.consul!.healthService(n)));
        names.forEach((n, i) => out.set(n, lists[i]!.instances));
      } catch (err) {
        throw new PorticoError(
          ErrorCode.SERVICE_UNAVAILABLE,
          `Consul did not answer: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      return out;
    }
    if (this.discovery instanceof StaticDiscovery) {
      for (const name of this.discovery.services()) {
        out.set(name, await this.discovery.resolve(name));
      }
    }
    return out;
  }

  private async usage(tenantId: string): Promise<Map<string, CatalogueService['usedBy']>> {
    const versions = await this.db.apiVersion.findMany({
      where: { tenantId, status: { not: 'retired' } },
      select: { version: true, status: true, upstream: true, api: { select: { name: true } } },
    });
    const out = new Map<string, CatalogueService['usedBy']>();
    for (const v of versions) {
      const service = (v.upstream as Upstream).service;
      if (!service) continue;
      const list = out.get(service) ?? [];
      list.push({ apiName: v.api.name, version: v.version, status: v.status });
      out.set(service, list);
    }
    return out;
  }
}

function toCatalogueInstance(i: ServiceInstance): CatalogueInstance {
  return {
    id: i.id,
    url: i.url,
    address: i.address,
    port: i.port,
    healthy: i.healthy,
    tags: [...i.tags],
  };
}
