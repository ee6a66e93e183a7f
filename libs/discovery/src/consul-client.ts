import { ErrorCode, PorticoError } from '@portico/contracts';
import { instanceUrl } from './instance';
import type { ServiceInstance } from './types';

export interface ConsulClientOptions {
  /** CONSUL_HTTP_ADDR: `host:port` (http assumed) or an http(s) URL. */
  addr: string;
  /** ACL token, sent as X-Consul-Token. */
  token?: string;
  /** Budget for a non-blocking request, and the margin added to a blocking query's wait. */
  timeoutMs?: number;
}

/** The body of PUT /v1/agent/service/register (the fields Portico uses). */
export interface ConsulServiceDefinition {
  ID: string;
  Name: string;
  Tags?: string[];
  Address: string;
  Port: number;
  Meta?: Record<string, string>;
  Check?: {
    Name?: string;
    HTTP: string;
    Method?: string;
    Interval: string;
    Timeout?: string;
    DeregisterCriticalServiceAfter?: string;
    Status?: 'passing' | 'warning' | 'critical';
  };
}

export interface HealthServiceOptions {
  /** Only instances whose checks (node and service) all pass. */
  passing?: boolean;
  /** X-Consul-Index of the previous answer; > 0 makes this a blocking query. */
  index?: number;
  /** Longest time Consul may hold a blocking query (it adds up to 1/16 of jitter). */
  waitSeconds?: number;
  tag?: string;
  signal?: AbortSignal;
}

export interface HealthServiceResult {
  instances: ServiceInstance[];
  /** The X-Consul-Index header of the answer (0 when Consul sent none). */
  index: number;
}

export interface ConsulAgentSelf {
  Config: {
    Datacenter: string;
    NodeName: string;
    NodeID?: string;
    Version?: string;
    Server?: boolean;
  };
  Member?: { Name: string; Addr: string; Port: number; Status: number };
  [key: string]: unknown;
}

interface HealthEntry {
  Node?: { Node?: string; Address?: string };
  Service: {
    ID: string;
    Service: string;
    Address?: string;
    Port: number;
    Tags?: string[] | null;
    Meta?: Record<string, string> | null;
  };
  Checks?: Array<{ Status: string }> | null;
}

/** Consul could not be reached or refused a request. Maps to 503 if it escapes to a client. */
export class ConsulError extends PorticoError {
  constructor(
    message: string,
    /** Consul's HTTP status, when it answered at all. */
    readonly consulStatus?: number,
    cause?: unknown,
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, [], { cause });
    this.name = 'ConsulError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** A small client for the parts of Consul's HTTP API that Portico needs. */
export class ConsulClient {
  /** Base URL, e.g. `http://127.0.0.1:8500`. */
  readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;

  constructor(opts: ConsulClientOptions) {
    this.baseUrl = normaliseAddr(opts.addr);
    this.token = opts.token || undefined;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async register(def: ConsulServiceDefinition, signal?: AbortSignal): Promise<void> {
    await this.request('PUT', '/v1/agent/service/register', { body: def, signal });
  }

  /** Removes a service from the local agent; an ID the agent does not know is not an error. */
  async deregister(serviceId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.request('PUT', `/v1/agent/service/deregister/${encodeURIComponent(serviceId)}`, {
        signal,
      });
    } catch (err) {
      if (err instanceof ConsulError && err.consulStatus === 404) return;
      throw err;
    }
  }

  async healthService(name: string, opts: HealthServiceOptions = {}): Promise<HealthServiceResult> {
    const query = new URLSearchParams();
    if (opts.passing) query.set('passing', 'true');
    if (opts.tag) query.set('tag', opts.tag);
    const blocking = (opts.index ?? 0) > 0;
    if (blocking) query.set('index', String(opts.index));
    if (opts.waitSeconds !== undefined) query.set('wait', `${opts.waitSeconds}s`);
    const waitMs = blocking ? (opts.waitSeconds ?? 300) * 1_000 : 0;
    const res = await this.request('GET', `/v1/health/service/${encodeURIComponent(name)}`, {
      query,
      signal: opts.signal,
      // Consul may hold the request for wait + wait/16 before answering.
      timeoutMs: waitMs + waitMs / 16 + this.timeoutMs,
    });
    const entries = parseJson<HealthEntry[] | null>(res, 'health/service');
    const index = Number(res.headers.get('x-consul-index') ?? 0);
    return {
      instances: (entries ?? []).map(toInstance),
      index: Number.isFinite(index) && index > 0 ? index : 0,
    };
  }

  async agentSelf(signal?: AbortSignal): Promise<ConsulAgentSelf> {
    return parseJson<ConsulAgentSelf>(
      await this.request('GET', '/v1/agent/self', { signal }),
      'agent/self',
    );
  }

  /** Service name -> tags, for every service in the datacenter. */
  async catalogServices(signal?: AbortSignal): Promise<Record<string, string[]>> {
    const res = await this.request('GET', '/v1/catalog/services', { signal });
    return parseJson<Record<string, string[]>>(res, 'catalog/services');
  }

  /** Address of the Raft leader; empty when the cluster has none (Consul is then unusable). */
  async leader(signal?: AbortSignal): Promise<string> {
    return parseJson<string>(
      await this.request('GET', '/v1/status/leader', { signal }),
      'status/leader',
    );
  }

  private async request(
    method: string,
    path: string,
    opts: {
      query?: URLSearchParams;
      body?: unknown;
      signal?: AbortSignal;
      timeoutMs?: number;
    } = {},
  ): Promise<ConsulResponse> {
    const qs = opts.query?.toString();
    const url = `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const headers: Record<string, string> = {};
    if (this.token) headers['X-Consul-Token'] = this.token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';

    const budget = opts.timeoutMs ?? this.timeoutMs;
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, budget);
    const onCallerAbort = () => ctrl.abort(opts.signal?.reason);
    if (opts.signal?.aborted) onCallerAbort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: ctrl.signal,
      });
      // The body is read inside the time budget too, and always, so the connection is reusable.
      const text = await res.text();
      if (!res.ok) {
        const detail = text.trim().slice(0, 500);
        throw new ConsulError(
          `Consul answered ${res.status} to ${method} ${path}: ${detail}`,
          res.status,
        );
      }
      return { headers: res.headers, text };
    } catch (err) {
      if (err instanceof ConsulError) throw err;
      // A caller's abort is not Consul's fault: let the caller see its own reason.
      if (opts.signal?.aborted && !timedOut) throw err;
      if (timedOut)
        throw new ConsulError(`Consul did not answer ${method} ${path} within ${budget}ms`);
      // fetch says "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause.
      const why =
        messageOf((err as { cause?: unknown } | undefined)?.cause) ?? messageOf(err) ?? String(err);
      throw new ConsulError(
        `Consul at ${this.baseUrl} is unreachable (${method} ${path}): ${why}`,
        undefined,
        err,
      );
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

interface ConsulResponse {
  headers: Headers;
  text: string;
}

// Duck-typed: errors from fetch may come from another realm (e.g. under Jest), failing instanceof.
function messageOf(e: unknown): string | undefined {
  const m = (e as { message?: unknown } | null | undefined)?.message;
  return typeof m === 'string' && m ? m : undefined;
}

function parseJson<T>(res: ConsulResponse, what: string): T {
  try {
    return JSON.parse(res.text) as T;
  } catch (err) {
    throw new ConsulError(`Consul sent invalid JSON for ${what}`, undefined, err);
  }
}

function toInstance(e: HealthEntry): ServiceInstance {
  // An empty service address means "the node's address", as Consul's own DNS interface does.
  const address = e.Service.Address || e.Node?.Address || '';
  return {
    id: e.Service.ID,
    service: e.Service.Service,
    address,
    port: e.Service.Port,
    url: instanceUrl(address, e.Service.Port),
    tags: e.Service.Tags ?? [],
    meta: e.Service.Meta ?? {},
    healthy: (e.Checks ?? []).every((c) => c.Status === 'passing'),
  };
}

function normaliseAddr(addr: string): string {
  const trimmed = addr.trim().replace(/\/+$/, '');
  if (!trimmed) throw new Error('Consul address is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Unsupported Consul address '${addr}': use host:port or an http(s) URL`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
