import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectConfig, InjectLogger, MetricsService } from '@portico/platform';
import type { Log } from './logger';
import {
  AUTHENTICATOR,
  REQUEST_EVENT_SINK,
  REQUEST_LIMITER,
  RESPONSE_CACHE,
  UPSTREAM_ROUTER,
  type Authenticator,
  type RequestEventSink,
  type RequestLimiter,
  type ResponseCache,
  type UpstreamRouter,
} from '../pipeline/contracts';
import type { DataPlaneConfig } from './config';
import { DataPlane } from './proxy/data-plane';
import { DataPlaneMetrics } from './proxy/dataplane-metrics';
import { RouteTableStore } from './routing/route-table.store';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the data plane in front of Fastify on the same node:http server: proxied traffic never
 * enters Fastify's routing, hooks or serialisation; the gateway's own endpoints (health, metrics,
 * docs, status, admin) still reach the Nest app through Fastify's original listener.
 */
@Injectable()
export class DataPlaneServer implements OnApplicationBootstrap {
  readonly plane: DataPlane;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    store: RouteTableStore,
    metrics: MetricsService,
    @InjectLogger() logger: Log,
    @InjectConfig() config: DataPlaneConfig,
    @Optional() @Inject(AUTHENTICATOR) authenticator?: Authenticator,
    @Optional() @Inject(REQUEST_LIMITER) limiter?: RequestLimiter,
    @Optional() @Inject(RESPONSE_CACHE) cache?: ResponseCache,
    @Optional() @Inject(REQUEST_EVENT_SINK) events?: RequestEventSink,
    @Optional() @Inject(UPSTREAM_ROUTER) router?: UpstreamRouter,
  ) {
    this.plane = new DataPlane(
      store,
      // Null (not undefined) when a stage is switched off by config, e.g. request events.
      {
        authenticator,
        limiter,
        cache,
        events: events ?? undefined,
        router,
      },
      new DataPlaneMetrics(metrics),
      logger.child({ component: 'dataplane' }),
      {
        trustProxy: config.TRUST_PROXY,
        compressionMinBytes: config.GATEWAY_COMPRESSION_MIN_BYTES,
        bodyLimitBytes: config.GATEWAY_BODY_LIMIT_BYTES,
        timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
      },
    );
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const originals = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const plane = this.plane;
    const fallback: RequestListener =
      originals.length === 1
        ? originals[0]!
        : (req, res) => {
            for (const l of originals) l.call(server, req, res);
          };
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!plane.handle(req, res)) fallback.call(server, req, res);
    });
  }
}
