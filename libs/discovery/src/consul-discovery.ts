import { silentLogger, type LoggerLike } from '@portico/contracts';
import { ServiceWatch, type HealthSource, type WatchTuning } from './service-watch';
import type { Discovery, InstancesListener, ServiceInstance } from './types';

export interface ConsulDiscoveryOptions {
  /** Longest a blocking query is held by Consul. Default 30. */
  waitSeconds?: number;
  /**
   * Rate limit of each service's loop: up to `burst` back-to-back requests, then one every
   * `intervalMs`. Default burst 2, 1000 ms. Only bites when Consul answers faster than that.
   */
  rateLimit?: { burst?: number; intervalMs?: number };
  /** Backoff after failed queries. Default 250 ms doubling up to 30 s, with jitter. */
  errorBackoff?: { initialMs?: number; maxMs?: number };
  logger?: LoggerLike;
}

/**
 * Discovery backed by Consul. The first resolve() or subscribe() of a name starts a background
 * blocking-query loop for it; afterwards resolve() answers from memory, and while Consul is
 * unreachable it keeps answering with the last good list.
 */
export class ConsulDiscovery implements Discovery {
  readonly mode = 'consul' as const;
  private readonly watches = new Map<string, ServiceWatch>();
  private readonly ctrl = new AbortController();
  private readonly tuning: WatchTuning;
  private readonly logger: LoggerLike;

  constructor(
    private readonly source: HealthSource,
    opts: ConsulDiscoveryOptions = {},
  ) {
    this.logger = opts.logger ?? silentLogger;
    this.tuning = {
      waitSeconds: opts.waitSeconds ?? 30,
      rateLimit: {
        burst: opts.rateLimit?.burst ?? 2,
        intervalMs: opts.rateLimit?.intervalMs ?? 1_000,
      },
      errorBackoff: {
        initialMs: opts.errorBackoff?.initialMs ?? 250,
        maxMs: opts.errorBackoff?.maxMs ?? 30_000,
      },
    };
    if (!(this.tuning.waitSeconds >= 1)) throw new RangeError('waitSeconds must be at least 1');
    if (!(this.tuning.rateLimit.burst >= 1))
      throw new RangeError('rateLimit.burst must be at least 1');
  }

  async resolve(service: string): Promise<ServiceInstance[]> {
    return this.watch(service).current();
  }

  subscribe(service: string, listener: InstancesListener): () => void {
    return this.watch(service).subscribe(listener);
  }

  /** Stops every loop (aborting the requests in flight) and waits for them to finish. */
  async close(): Promise<void> {
    this.ctrl.abort();
    await Promise.all([...this.watches.values()].map((w) => w.done));
  }

  private watch(service: string): ServiceWatch {
    if (this.ctrl.signal.aborted) throw new Error('Discovery is closed');
    let w = this.watches.get(service);
    if (!w) {
      w = new ServiceWatch(service, this.source, this.tuning, this.ctrl.signal, this.logger);
      this.watches.set(service, w);
    }
    return w;
  }
}
