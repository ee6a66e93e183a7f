import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  type RequestContext,
  acceptRequestId,
  continueTrace,
  currentRequestContext,
  runWithRequestContext,
} from '../logging/request-context';
import type { MetricsService } from '../metrics/metrics.service';

declare module 'fastify' {
  interface FastifyRequest {
    portico?: RequestContext;
  }
}

const QUIET = /^\/(health\/|metrics$|docs)/;

/**
 * Request id and trace context on every request (echoing `x-request-id`), the access log line and
 * the request-duration histogram. Runs for Nest routes, Swagger UI and 404s alike.
 */
export function installHttpHooks(
  app: FastifyInstance,
  logger: Logger,
  metrics: MetricsService,
  lifecycle: { closing: boolean },
): void {
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const trace = continueTrace(req.headers['traceparent']);
    const ctx: RequestContext = { requestId: String(req.id), ...trace };
    req.portico = ctx;
    void reply.header('x-request-id', ctx.requestId);
    runWithRequestContext(ctx, done);
  });
  // Body parsing runs in the socket's async context; re-enter ours before the handler.
  app.addHook('preHandler', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (req.portico) runWithRequestContext(req.portico, done);
    else done();
  });
  // While shutting down, answers close their keep-alive connection so the server can finish
  // instead of waiting out the keep-alive timeout of sockets that were busy when it started closing.
  app.addHook('onSend', (_req: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    if (lifecycle.closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpDuration.observe(
      {
        http_request_method: req.method,
        http_route: route,
        http_response_status_code: String(status),
      },
      reply.elapsedTime / 1000,
    );
    const line = {
      requestId: req.portico?.requestId,
      traceId: req.portico?.traceId,
      traceparent: req.headers['traceparent'],
      method: req.method,
      url: req.url,
      route,
      status,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (QUIET.test(req.url)) logger.debug(line, 'request');
    else logger.info(line, 'request');
    done();
  });
}

/** Headers to put on a call this service makes to another, to keep the trace together. */
export function propagationHeaders(): Record<string, string> {
  const ctx = currentRequestContext();
  return ctx ? { 'x-request-id': ctx.requestId, traceparent: ctx.traceparent } : {};
}

export function requestIdFrom(header: string | string[] | undefined): string {
  return acceptRequestId(header);
}
