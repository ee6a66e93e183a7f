import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { InjectLogger } from '@portico/platform';
import { isPorticoError } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';

/** RFC 6749 §5.2 error codes (plus RFC 7009's unsupported_token_type). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'server_error'
  | 'temporarily_unavailable';

/** A failure the OAuth endpoints answer in OAuth's own format, not in Portico's envelope. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  static invalidClient(description = 'Client authentication failed.'): OAuthError {
    return new OAuthError('invalid_client', description, 401, {
      'www-authenticate': 'Basic realm="portico", charset="UTF-8"',
    });
  }
}

export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Renders errors of the OAuth endpoints as `{ error, error_description }` (RFC 6749 §5.2). */
@Injectable()
@Catch()
export class OAuthExceptionFilter implements ExceptionFilter {
  constructor(@InjectLogger() private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let err: OAuthError;
    if (exception instanceof OAuthError) {
      err = exception;
    } else if (isPorticoError(exception) && exception.status === 503) {
      err = new OAuthError('temporarily_unavailable', exception.message, 503);
    } else if (isPorticoError(exception) && exception.status < 500) {
      err = new OAuthError('invalid_request', exception.message, 400);
    } else {
      this.logger.error({ err: exception }, 'OAuth endpoint failed');
      err = new OAuthError('server_error', 'An internal error occurred.', 500);
    }
    if (reply.sent) return;
    void reply
      .code(err.status)
      .headers({ ...NO_STORE, ...err.headers })
      .send({ error: err.error, error_description: err.description });
  }
}
