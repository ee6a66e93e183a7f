import type { LoggerLike, Upstream } from '@portico/contracts';
import type { Discovery, ServiceInstance } from '@portico/discovery';
import type { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import {
  UpstreamError,
  type UpstreamInstanceHealth,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../pipeline/contracts';
import { createBalancer, type Balancer } from './balancers';
import type { UpstreamsConfig } from './config';
import { stripResponseHopHeaders, upstreamRequestHeaders } from './headers';
import { AttemptDeadline, FailedStatus, classify, type Failure } from './failures';
import { UpstreamInstance, type InstanceOptions } from './instance';

export interface SetDependencies {
  config: UpstreamsConfig;
  discovery: Discovery;
  logger: LoggerLike;
}

/** How long a removed instance (or a closed set) may finish its requests in flight. */
export const CLOSE_GRACE_MS = 5_000;

interface Target {
  url: string;
  weight: number;
}

function isIdempotent(method: string): boolean {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'PUT':
    case 'DELETE':
    case 'OPTIONS':
    case 'TRACE':
      return true;
    default:
      return false;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The instances of one upstream definition, with their balancer. Instances come from explicit
 * targets or from discovery (kept in step with it: an instance that stays keeps its pool, health
 * and breakers). send() is the hot path: one pick, one undici request, no per-request policy
 * objects; retries, backoff and error mapping only cost something when they happen.
 */
export class UpstreamSet {
  instances: UpstreamInstance[] = [];
  ready = false;
  closed = false;
  private readonly balancer: Balancer<UpstreamInstance>;
  private readonly instanceOptions: InstanceOptions;
  private readyPromise: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  // Context of the pick in progress. pick() is synchronous, so one slot per set is enough and the
  // `usable` predicate is created once instead of once per request.
  private now = 0;
  private breakerFailures = 0;
  private breakerHalfOpenMs = 0;
  private tried: UpstreamInstance[] | null = null;
  private readonly usable = (inst: UpstreamInstance): boolean =>
    inst.admitted(this.now) &&
    inst.breakerFor(this.breakerFailures, this.breakerHalfOpenMs).allows(this.now) &&
    (this.tried === null || !this.tried.includes(inst));

  constructor(
    readonly key: string,
    /** The `upstream` label of health reports: the service name, or the targets. */
    readonly label: string,
    private readonly definition: Upstream,
    private readonly deps: SetDependencies,
  ) {
    this.balancer = createBalancer(definition.loadBalancing ?? 'round-robin');
    const hc = definition.healthCheck;
    this.instanceOptions = {
      upstream: label,
      config: deps.config,
      logger: deps.logger,
      ...(hc
        ? {
            healthCheck: {
              path: hc.path ?? '/health',
              intervalMs: hc.intervalMs ?? 30_000,
              timeoutMs: hc.timeoutMs ?? 5_000,
              unhealthyThreshold: hc.unhealthyThreshold ?? 3,
            },
          }
        : {}),
    };
    if (definition.targets) {
      this.update(definition.targets.map((t) => ({ url: t.url, weight: t.weight ?? 100 })));
    } else if (definition.service) {
      this.unsubscribe = deps.discovery.subscribe(definition.service, (list) =>
        this.update(list.map(fromDiscovery)),
      );
    }
  }

  send(req: UpstreamRequest): Promise<UpstreamResponse> {
    return this.ready ? this.forward(req) : this.whenReady().then(() => this.forward(req));
  }

  health(): UpstreamInstanceHealth[] {
    const now = Date.now();
    return this.instances.map((i) => ({
      upstream: this.label,
      instance: i.address,
      healthy: i.healthy(now),
      circuit: i.circuit,
      inFlight: i.inFlight,
    }));
  }

  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const instances = this.instances;
    this.instances = [];
    await Promise.all(instances.map((i) => i.close(graceMs)));
  }

  /** Replaces the instance list, keeping the state of instances that stay. */
  private update(targets: Target[]): void {
    if (this.closed) return;
    const current = new Map(this.instances.map((i) => [i.url, i]));
    const next: UpstreamInstance[] = [];
    let added = 0;
    for (const t of targets) {
      const parsed = parseTarget(t.url);
      const existing = current.get(parsed.url);
      if (existing) {
        existing.weight = t.weight;
        current.delete(parsed.url);
        next.push(existing);
      } else if (!next.some((i) => i.url === parsed.url)) {
        added++;
        next.push(
          new UpstreamInstance(
            parsed.address,
            parsed.url,
            parsed.origin,
            parsed.basePath,
            t.weight,
            this.instanceOptions,
          ),
        );
      }
    }
    this.instances = next;
    this.ready = true;
    for (const gone of current.values()) void gone.close(CLOSE_GRACE_MS);
    if (current.size > 0 || added > 0) {
      this.deps.logger.info(
        { upstream: this.label, instances: next.map((i) => i.address) },
        `Upstream ${this.label}: ${next.length} instance(s)`,
      );
    }
  }

  private whenReady(): Promise<void> {
    const service = this.definition.service;
    if (!service) return Promise.resolve();
    this.readyPromise ??= this.deps.discovery.resolve(service).then(
      (list) => {
        if (!this.ready) this.update(list.map(fromDiscovery));
      },
      (err: unknown) => {
        this.readyPromise = null; // ask again next time
        throw new UpstreamError(
          'UPSTREAM_UNAVAILABLE',
          `Service ${service} could not be resolved: ${(err as Error)?.message ?? String(err)}`,
        );
      },
    );
    return this.readyPromise;
  }

  private pick(req: UpstreamRequest, tried: UpstreamInstance[] | null): UpstreamInstance | null {
    this.now = Date.now();
    this.breakerFailures = req.circuitBreaker.consecutiveFailures;
    this.breakerHalfOpenMs = req.circuitBreaker.halfOpenAfterMs;
    this.tried = tried;
    let inst = this.balancer.pick(this.instances, this.usable);
    if (inst === null && tried !== null) {
      // Every other instance is out: the one already tried is better than nothing.
      this.tried = null;
      inst = this.balancer.pick(this.instances, this.usable);
    }
    this.tried = null;
    return inst;
  }

  private async forward(req: UpstreamRequest): Promise<UpstreamResponse> {
    const idempotent = isIdempotent(req.method);
    const maxAttempts = req.maxAttempts > 1 ? req.maxAttempts : 1;
    const precise = req.timeoutMs < this.deps.config.GATEWAY_UPSTREAM_PRECISE_TIMEOUT_BELOW_MS;
    const options: Dispatcher.RequestOptions = {
      method: req.method as Dispatcher.HttpMethod,
      path: req.path,
      headers: upstreamRequestHeaders(req.headers),
      body: req.body,
      // undici's own timers cost nothing per request. They cover the wait for response headers
      // once the request is on a connection; connecting has its own timeout.
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    };
    let tried: UpstreamInstance[] | null = null;
    let lastFailure: Failure | null = null;
    let lastInstance: UpstreamInstance | null = null;
    let lastError: unknown = null;

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        const delay = this.backoffMs(attempt - 1);
        if (delay > 0) await sleep(delay);
      }
      const inst = this.pick(req, tried);
      if (inst === null) break;
      const breaker = inst.breakerFor(
        req.circuitBreaker.consecutiveFailures,
        req.circuitBreaker.halfOpenAfterMs,
      );
      options.path = inst.basePath === '' ? req.path : inst.basePath + req.path;
      let deadline: AttemptDeadline | null = null;
      if (precise) {
        deadline = new AttemptDeadline(req.timeoutMs);
        options.signal = deadline as unknown as EventEmitter;
      }
      const started = performance.now();
      inst.inFlight++;
      try {
        const res = await breaker.policy.execute(() => inst.exchange(options));
        if (deadline !== null) deadline.clear();
        inst.succeeded();
        return respond(res, inst, started);
      } catch (err) {
        if (deadline !== null) deadline.clear();
        const failure = classify(err);
        lastFailure = failure;
        lastInstance = inst;
        lastError = err;
        if (failure !== 'circuit' && failure !== 'local') inst.failed(Date.now());
        const retry =
          attempt < maxAttempts &&
          (failure === 'refused' || failure === 'circuit' || (idempotent && failure !== 'local'));
        if (failure === 'status') {
          const res = (err as FailedStatus).response;
          if (!retry) return respond(res, inst, started);
          res.body.dump().then(inst.release, inst.release);
        } else {
          inst.inFlight--;
        }
        if (!retry) break;
        (tried ??= []).push(inst);
      }
    }
    throw this.failure(lastFailure, lastInstance, lastError);
  }

  /** Retry n waits a random time in [b/2, b], b = min(max, base * 2^(n-1)) ("equal jitter"). */
  private backoffMs(retry: number): number {
    const { GATEWAY_UPSTREAM_RETRY_BASE_MS: base, GATEWAY_UPSTREAM_RETRY_MAX_MS: max } =
      this.deps.config;
    const b = Math.min(max, base * 2 ** (retry - 1));
    return Math.round(b / 2 + (Math.random() * b) / 2);
  }

  private failure(
    failure: Failure | null,
    inst: UpstreamInstance | null,
    err: unknown,
  ): UpstreamError {
    if (failure === null) {
      return new UpstreamError(
        'UPSTREAM_UNAVAILABLE',
        this.instances.length === 0
          ? `Upstream ${this.label} has no instances`
          : `No healthy instance of upstream ${this.label}`,
      );
    }
    const where = inst?.address ?? null;
    if (failure === 'timeout') {
      return new UpstreamError(
        'UPSTREAM_TIMEOUT',
        `Upstream ${where} did not answer in time`,
        where,
      );
    }
    const detail =
      err instanceof FailedStatus
        ? `answered ${err.response.statusCode}`
        : err instanceof Error
          ? err.message
          : String(err);
    return new UpstreamError('UPSTREAM_UNAVAILABLE', `Upstream ${where} failed: ${detail}`, where);
  }
}

function respond(
  res: Dispatcher.ResponseData,
  inst: UpstreamInstance,
  started: number,
): UpstreamResponse {
  const headers = res.headers as Record<string, string | string[] | undefined>;
  stripResponseHopHeaders(headers);
  // inFlight lasts until the body is consumed or destroyed, which is when the connection frees.
  res.body.on('close', inst.release);
  return {
    status: res.statusCode,
    headers,
    body: res.body,
    instance: inst.address,
    latencyMs: performance.now() - started,
  };
}

function fromDiscovery(i: ServiceInstance): Target {
  const w = Number(i.meta.weight);
  return { url: i.url, weight: Number.isInteger(w) && w >= 1 ? w : 100 };
}

/** Target URL → identity, origin for the pool, path prefix and the `host:port` label. */
export function parseTarget(raw: string): {
  url: string;
  origin: string;
  basePath: string;
  address: string;
} {
  const u = new URL(raw);
  const basePath = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { url: u.origin + basePath, origin: u.origin, basePath, address: `${u.hostname}:${port}` };
}
