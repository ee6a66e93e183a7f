import { z } from 'zod';

const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);

/** The upstreams feature's configuration keys, merged into GatewayConfigSchema. */
export const UpstreamsConfigShape = {
  /** Keep-alive connections per upstream instance (one undici Pool each). */
  GATEWAY_UPSTREAM_CONNECTIONS: int(1, 64),
  /**
   * How long an idle pooled connection is kept. Below Node's default server keepAliveTimeout (5 s)
   * so the gateway drops an idle socket before the upstream does, rather than racing it.
   */
  GATEWAY_UPSTREAM_KEEP_ALIVE_TIMEOUT_MS: int(1, 4_000),
  /** Cap on the idle time an upstream's `Keep-Alive: timeout=` hint may ask for. */
  GATEWAY_UPSTREAM_KEEP_ALIVE_MAX_TIMEOUT_MS: int(1, 60_000),
  GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS: int(1, 3_000),
  /** Passive health: consecutive failures (connection errors, timeouts, 502/503/504) that eject. */
  GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: int(1, 3),
  /** Passive health: how long an ejected instance sits out before it is tried again. */
  GATEWAY_UPSTREAM_EJECT_COOLDOWN_MS: int(1, 10_000),
  /** Active health: consecutive passing checks that re-admit an instance the checks had failed. */
  GATEWAY_UPSTREAM_HEALTHY_THRESHOLD: int(1, 2),
  /**
   * undici's own header timeout is free per request but runs on a coarse timer wheel (it fires up
   * to about 1 s late); attempts with a shorter budget than this get a precise timer of their own
   * (a few microseconds more per request). 0 turns precise timers off.
   */
  GATEWAY_UPSTREAM_PRECISE_TIMEOUT_BELOW_MS: int(0, 3_000),
  /** Retry backoff: retry n waits a random time in [b/2, b], b = min(max, base * 2^(n-1)). */
  GATEWAY_UPSTREAM_RETRY_BASE_MS: int(0, 10),
  GATEWAY_UPSTREAM_RETRY_MAX_MS: int(0, 200),
};

/** The part of the gateway's config the upstreams feature reads. */
export interface UpstreamsConfig {
  GATEWAY_UPSTREAM_CONNECTIONS: number;
  GATEWAY_UPSTREAM_KEEP_ALIVE_TIMEOUT_MS: number;
  GATEWAY_UPSTREAM_KEEP_ALIVE_MAX_TIMEOUT_MS: number;
  GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS: number;
  GATEWAY_UPSTREAM_EJECT_AFTER_FAILURES: number;
  GATEWAY_UPSTREAM_EJECT_COOLDOWN_MS: number;
  GATEWAY_UPSTREAM_HEALTHY_THRESHOLD: number;
  GATEWAY_UPSTREAM_PRECISE_TIMEOUT_BELOW_MS: number;
  GATEWAY_UPSTREAM_RETRY_BASE_MS: number;
  GATEWAY_UPSTREAM_RETRY_MAX_MS: number;
}

/** Defaults, for code (and tests) that builds the router without the app's config. */
export const DEFAULT_UPSTREAMS_CONFIG: UpstreamsConfig = z.object(UpstreamsConfigShape).parse({});
