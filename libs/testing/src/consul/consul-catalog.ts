import {
  checkJson,
  serfHealthJson,
  serviceJson,
  type CheckState,
  type NodeInfo,
  type ServiceState,
} from './consul-json';
import { parseGoDuration } from './duration';
import { HttpCheckRunner, type ConsulCheckStatus } from './http-check';

export type { ConsulCheckStatus } from './http-check';
export type { NodeInfo } from './consul-json';

/** The body of PUT /v1/agent/service/register, as far as the double understands it. */
export interface ServiceDefinition {
  ID?: string;
  Name?: string;
  Tags?: string[] | null;
  Address?: string;
  Port?: number;
  Meta?: Record<string, string> | null;
  Check?: CheckDefinition | null;
  Checks?: CheckDefinition[] | null;
}

export interface CheckDefinition {
  CheckID?: string;
  Name?: string;
  HTTP?: string;
  Method?: string;
  Header?: Record<string, string[]>;
  Interval?: string;
  Timeout?: string;
  DeregisterCriticalServiceAfter?: string;
  Status?: string;
  TLSSkipVerify?: boolean;
}

export class ConsulApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The double's state: services, their checks and the Raft-like index. Every change gets a new,
 * higher index; the health of a service is indexed per service name (as Consul does), so a blocking
 * query on one service is not woken by changes to another.
 */
export class ConsulCatalog {
  private index = 10;
  private catalogIndex = this.index;
  private readonly services = new Map<string, ServiceState>();
  private readonly serviceIndex = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly node: NodeInfo) {}

  get currentIndex(): number {
    return this.index;
  }

  /** Index of the health of one service; for an unknown name, the catalog's index. */
  healthIndex(name: string): number {
    return this.serviceIndex.get(name) ?? this.catalogIndex;
  }

  catalogServicesIndex(): number {
    return this.catalogIndex;
  }

  /** Calls `wake` after every change until the returned function is called. */
  onChange(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  register(def: ServiceDefinition): void {
    if (!def.Name) throw new ConsulApiError(400, 'Missing service name');
    const id = def.ID || def.Name;
    const checkDefs = [...(def.Check ? [def.Check] : []), ...(def.Checks ?? [])];
    const prev = this.services.get(id);
    const index = this.index + 1;
    const checks = checkDefs.map((c, i) => {
      const defaultId = checkDefs.length === 1 ? `service:${id}` : `service:${id}:${i + 1}`;
      return this.buildCheck(def.Name!, c, defaultId, index, prev);
    });
    this.index = index; // only now: a rejected registration changes nothing
    if (prev) this.stopChecks(prev);
    const svc: ServiceState = {
      id,
      name: def.Name,
      tags: def.Tags ?? [],
      address: def.Address ?? '',
      port: def.Port ?? 0,
      meta: def.Meta ?? {},
      createIndex: prev?.createIndex ?? index,
      modifyIndex: index,
      checks,
      forced: prev?.forced,
    };
    this.services.set(id, svc);
    if (prev && prev.name !== svc.name) this.touch(prev.name, index);
    this.touch(svc.name, index, true);
    for (const check of checks) this.startCheck(svc, check);
  }

  deregister(id: string): void {
    const svc = this.services.get(id);
    if (!svc) {
      throw new ConsulApiError(
        404,
        `Unknown service ID "${id}". Ensure that the service ID is passed, not the service name.`,
      );
    }
    this.stopChecks(svc);
    this.services.delete(id);
    this.touch(svc.name, this.bump(), true);
  }

  /** Forces the status of every check of a service until `releaseCheck`. */
  force(serviceId: string, status: ConsulCheckStatus | undefined): void {
    const svc = this.services.get(serviceId);
    if (!svc) throw new Error(`Consul double: no service with ID '${serviceId}'`);
    if (svc.checks.length === 0)
      throw new Error(`Consul double: service '${serviceId}' has no checks`);
    svc.forced = status;
    if (status)
      for (const check of svc.checks) this.setStatus(svc, check, status, 'Forced by the test');
  }

  /** Entries for GET /v1/health/service/:name, in Consul's JSON shape. */
  healthEntries(name: string, opts: { passing: boolean; tags: string[] }): unknown[] {
    return [...this.services.values()]
      .filter((s) => s.name === name && opts.tags.every((t) => s.tags.includes(t)))
      .filter((s) => !opts.passing || s.checks.every((c) => c.status === 'passing'))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => ({
        Node: {
          ID: this.node.id,
          Node: this.node.name,
          Address: this.node.address,
          Datacenter: this.node.datacenter,
          TaggedAddresses: { lan: this.node.address, wan: this.node.address },
          Meta: { 'consul-network-segment': '' },
          CreateIndex: 5,
          ModifyIndex: 5,
        },
        Service: serviceJson(s),
        Checks: [serfHealthJson(this.node), ...s.checks.map((c) => checkJson(this.node, s, c))],
      }));
  }

  /** GET /v1/catalog/services: name -> union of tags, including Consul's own service. */
  catalogServices(): Record<string, string[]> {
    const out: Record<string, string[]> = { consul: [] };
    for (const s of this.services.values()) {
      out[s.name] = [...new Set([...(out[s.name] ?? []), ...s.tags])];
    }
    return out;
  }

  /** GET /v1/agent/services: ID -> service. */
  agentServices(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const s of this.services.values())
      out[s.id] = { ...serviceJson(s), Datacenter: this.node.datacenter };
    return out;
  }

  snapshot() {
    return [...this.services.values()].map((s) => ({
      id: s.id,
      name: s.name,
      address: s.address,
      port: s.port,
      tags: [...s.tags],
      meta: { ...s.meta },
      checks: s.checks.map((c) => ({ id: c.id, status: c.status, output: c.output, http: c.http })),
      status: aggregate(s.checks),
    }));
  }

  close(): void {
    for (const svc of this.services.values()) this.stopChecks(svc);
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }

  private buildCheck(
    serviceName: string,
    def: CheckDefinition,
    defaultId: string,
    index: number,
    prev: ServiceState | undefined,
  ): CheckState {
    const id = def.CheckID || defaultId;
    const intervalMs = def.Interval ? parseGoDuration(def.Interval) : undefined;
    if (def.HTTP && !intervalMs) {
      throw new ConsulApiError(
        400,
        'Invalid check: Interval must be > 0 for Script, HTTP, or TCP checks',
      );
    }
    if (def.Status && !isStatus(def.Status)) {
      throw new ConsulApiError(
        400,
        `Invalid check: Status must be one of passing, warning, critical`,
      );
    }
    const deregisterAfterMs = def.DeregisterCriticalServiceAfter
      ? parseGoDuration(def.DeregisterCriticalServiceAfter)
      : undefined;
    // Re-registering the same check keeps its status, so an idempotent re-register of a healthy
    // instance does not make it disappear until the next check run.
    const before = prev?.checks.find((c) => c.id === id && c.http === def.HTTP);
    const check: CheckState = {
      id,
      name: def.Name || `Service '${serviceName}' check`,
      type: def.HTTP ? 'http' : '',
      interval: def.Interval ?? '',
      timeout: def.Timeout ?? '',
      http: def.HTTP,
      status: before?.status ?? (def.Status as ConsulCheckStatus | undefined) ?? 'critical',
      output: before?.output ?? '',
      createIndex: before?.createIndex ?? index,
      modifyIndex: index,
      deregisterAfterMs,
      criticalSince: before?.criticalSince,
    };
    if (def.HTTP) {
      check.runner = new HttpCheckRunner({
        url: def.HTTP,
        method: def.Method ?? 'GET',
        headers: def.Header ?? {},
        intervalMs: intervalMs!,
        timeoutMs: (def.Timeout && parseGoDuration(def.Timeout)) || 10_000,
        tlsSkipVerify: def.TLSSkipVerify ?? false,
      });
    }
    return check;
  }

  private startCheck(svc: ServiceState, check: CheckState): void {
    check.runner?.start((status, output) => {
      if (this.services.get(svc.id) !== svc) return;
      if (svc.forced) {
        this.reapIfCritical(svc, check);
        return;
      }
      this.setStatus(svc, check, status, output);
      this.reapIfCritical(svc, check);
    });
  }

  private setStatus(
    svc: ServiceState,
    check: CheckState,
    status: ConsulCheckStatus,
    output: string,
  ): void {
    check.output = output;
    if (check.status === status) return;
    check.status = status;
    check.criticalSince = status === 'critical' ? Date.now() : undefined;
    const index = this.bump();
    check.modifyIndex = index;
    this.touch(svc.name, index);
  }

  private reapIfCritical(svc: ServiceState, check: CheckState): void {
    if (check.deregisterAfterMs === undefined || check.status !== 'critical') return;
    check.criticalSince ??= Date.now();
    if (Date.now() - check.criticalSince >= check.deregisterAfterMs) this.deregister(svc.id);
  }

  private stopChecks(svc: ServiceState): void {
    for (const c of svc.checks) c.runner?.stop();
  }

  private bump(): number {
    return ++this.index;
  }

  private touch(name: string, index: number, catalogChanged = false): void {
    this.serviceIndex.set(name, index);
    if (catalogChanged) this.catalogIndex = index;
    for (const wake of [...this.waiters]) wake();
  }
}

function isStatus(s: string): s is ConsulCheckStatus {
  return s === 'passing' || s === 'warning' || s === 'critical';
}

function aggregate(checks: CheckState[]): ConsulCheckStatus {
  if (checks.some((c) => c.status === 'critical')) return 'critical';
  if (checks.some((c) => c.status === 'warning')) return 'warning';
  return 'passing';
}
