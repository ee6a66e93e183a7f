import { freezeInstances, instanceUrl } from './instance';
import type { Discovery, InstancesListener, ServiceInstance } from './types';

/** Where each app listens by default; static discovery assumes 127.0.0.1 on these ports. */
export const DEFAULT_SERVICE_PORTS: Readonly<Record<string, number>> = Object.freeze({
  gateway: 8080,
  registry: 3001,
  'consumer-management': 3002,
  analytics: 3003,
  'webhook-dispatcher': 3004,
  'integration-connectors': 3005,
});

export const DEFAULT_STATIC_HOST = '127.0.0.1';

/** One instance of a static service: `host:port`, an http(s) URL, or the parts. */
export type StaticTarget = string | StaticInstanceSpec;

export interface StaticInstanceSpec {
  address: string;
  port: number;
  scheme?: 'http' | 'https';
  id?: string;
  tags?: string[];
  meta?: Record<string, string>;
}

const SPEC_NAME = 'PORTICO_STATIC_SERVICES';
const SERVICE_NAME = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;

/**
 * Reads PORTICO_STATIC_SERVICES: `name=host:port|host:port,name2=http://host:port`. Returns each
 * name's instances as normalised base URLs (`http://host:port`). Empty or unset gives `{}`.
 * Anything else throws an Error saying what is wrong and what is expected.
 */
export function parseStaticServices(spec: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!spec?.trim()) return out;
  for (const rawEntry of spec.split(',')) {
    const entry = rawEntry.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    if (eq < 0) {
      throw new Error(`${SPEC_NAME}: '${entry}' is not of the form name=host:port[|host:port...]`);
    }
    const name = entry.slice(0, eq).trim();
    if (!SERVICE_NAME.test(name)) {
      throw new Error(
        `${SPEC_NAME}: '${name}' is not a valid service name (letters, digits, '.', '_', '-')`,
      );
    }
    if (name in out) throw new Error(`${SPEC_NAME}: service '${name}' is listed twice`);
    const targets = entry
      .slice(eq + 1)
      .split('|')
      .map((t) => t.trim())
      .filter(Boolean);
    if (targets.length === 0) throw new Error(`${SPEC_NAME}: service '${name}' has no address`);
    out[name] = targets.map((t) => {
      const { scheme, address, port } = parseTarget(t, name);
      return instanceUrl(address, port, scheme);
    });
  }
  return out;
}

/** The default of every Portico app on 127.0.0.1, overridden and extended by `spec`. */
export function staticServicesWithDefaults(spec: string | undefined): Record<string, string[]> {
  const defaults = Object.fromEntries(
    Object.entries(DEFAULT_SERVICE_PORTS).map(([name, port]) => [
      name,
      [instanceUrl(DEFAULT_STATIC_HOST, port)],
    ]),
  );
  return { ...defaults, ...parseStaticServices(spec) };
}

/** Discovery from a fixed map; every instance is reported healthy, nothing ever changes. */
export class StaticDiscovery implements Discovery {
  readonly mode = 'static' as const;
  private readonly instances = new Map<string, readonly ServiceInstance[]>();
  private closed = false;

  constructor(services: Record<string, ReadonlyArray<StaticTarget>>) {
    for (const [name, targets] of Object.entries(services)) {
      const list = targets.map((t) => toInstance(name, t));
      const ids = new Set(list.map((i) => i.id));
      if (ids.size !== list.length)
        throw new Error(`Static service '${name}' lists the same instance twice`);
      this.instances.set(name, freezeInstances(list));
    }
  }

  /** The service names this discovery knows. */
  services(): string[] {
    return [...this.instances.keys()];
  }

  async resolve(service: string): Promise<ServiceInstance[]> {
    if (this.closed) throw new Error('Discovery is closed');
    return [...(this.instances.get(service) ?? [])];
  }

  subscribe(service: string, listener: InstancesListener): () => void {
    if (this.closed) throw new Error('Discovery is closed');
    let active = true;
    queueMicrotask(() => active && listener([...(this.instances.get(service) ?? [])]));
    return () => {
      active = false;
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function toInstance(service: string, target: StaticTarget): ServiceInstance {
  const t: StaticInstanceSpec = typeof target === 'string' ? parseTarget(target, service) : target;
  if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) {
    throw new Error(`Static service '${service}': port ${t.port} is out of range`);
  }
  const url = instanceUrl(t.address, t.port, t.scheme ?? 'http');
  return {
    id: t.id || `${service}@${url.replace(/^https?:\/\//, '')}`,
    service,
    address: t.address,
    port: t.port,
    url,
    tags: [...(t.tags ?? [])],
    meta: { ...t.meta },
    healthy: true,
  };
}

function parseTarget(
  target: string,
  service: string,
): { scheme: 'http' | 'https'; address: string; port: number } {
  const bad = (why: string) =>
    new Error(
      `${SPEC_NAME}: cannot read '${target}' for service '${service}' (${why}); ` +
        `expected host:port or an http(s)://host:port URL`,
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw bad('not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw bad(`unsupported scheme ${url.protocol}`);
    if (
      url.username ||
      url.password ||
      url.search ||
      url.hash ||
      (url.pathname && url.pathname !== '/')
    ) {
      throw bad('only scheme, host and port are allowed');
    }
    const scheme = url.protocol === 'https:' ? 'https' : 'http';
    const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
    return { scheme, address: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+)):(\d{1,5})$/i.exec(target);
  if (!m) throw bad('no port, or not host:port');
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw bad('port out of range');
  return { scheme: 'http', address: m[1] ?? m[2], port };
}
