import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type DestinationStream } from 'pino';
import { currentRequestContext } from './request-context';

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.apiKey',
  '*.key',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  // OAuth 2.0 wire names (form parameters and token responses)
  '*.client_secret',
  '*.access_token',
  '*.refresh_token',
  '*.credentials',
  // Outbound calls (connectors, webhooks): request headers and OAuth2 wire names.
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.client_secret',
  '*.access_token',
];

export function createLogger(opts: {
  service: string;
  level: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      // Lines written while serving a request carry its ids without every caller passing them.
      mixin() {
        const ctx = currentRequestContext();
        return ctx ? { requestId: ctx.requestId, traceId: ctx.traceId } : {};
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** Routes Nest's own log calls into pino, so the process writes JSON only. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) last.
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ err: message, context }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...message, context });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
