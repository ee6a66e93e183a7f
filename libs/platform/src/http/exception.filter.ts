import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toErrorResponse } from './errors';

/** Every error a route handler (or guard, pipe, interceptor) throws leaves through here. */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const res = toErrorResponse(exception, String(req.id), this.logger, {
      method: req.method,
      url: req.url,
    });
    if (reply.sent) return;
    void reply.code(res.status).headers(res.headers).send(res.body);
  }
}
