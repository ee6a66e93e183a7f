import { silentLogger, type LoggerLike } from '@portico/contracts';
import { ConsulClient } from './consul-client';
import { ConsulDiscovery, type ConsulDiscoveryOptions } from './consul-discovery';
import { StaticDiscovery, staticServicesWithDefaults } from './static-discovery';
import type { Discovery } from './types';

export interface CreateDiscoveryOptions {
  /** CONSUL_HTTP_ADDR; when empty, discovery is static. */
  consulAddr?: string;
  consulToken?: string;
  /** PORTICO_STATIC_SERVICES, used in static mode only. */
  staticServices?: string;
  logger?: LoggerLike;
  /** Tuning of the Consul loops (tests use short waits). */
  consul?: ConsulDiscoveryOptions;
}

/**
 * Consul-backed discovery when a Consul address is configured, otherwise static discovery over the
 * apps' default ports on 127.0.0.1 (overridden by PORTICO_STATIC_SERVICES). Static mode says so
 * once, in one info line, so nobody wonders why instances never change.
 */
export function createDiscovery(opts: CreateDiscoveryOptions): Discovery {
  const logger = opts.logger ?? silentLogger;
  const addr = opts.consulAddr?.trim();
  if (addr) {
    const client = new ConsulClient({ addr, token: opts.consulToken });
    logger.info({ consul: client.baseUrl }, `Service discovery uses Consul at ${client.baseUrl}`);
    return new ConsulDiscovery(client, { logger, ...opts.consul });
  }
  const services = staticServicesWithDefaults(opts.staticServices);
  const listing = Object.entries(services)
    .map(([name, urls]) => `${name}=${urls.join('|')}`)
    .join(', ');
  logger.info(
    { discovery: 'static', services },
    `Service discovery is static because CONSUL_HTTP_ADDR is not set: ${listing}`,
  );
  return new StaticDiscovery(services);
}
