import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { RawResponse } from '../http/envelope.interceptor';
import { ReadinessRegistry } from './readiness';

const CHECK_TIMEOUT_MS = 2_000;

/** Liveness and readiness for orchestrators and Consul, in Terminus' response format. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  @RawResponse()
  @ApiOperation({ summary: 'The process is up (no dependency is checked).' })
  @ApiOkResponse({ description: 'Alive.' })
  live(): Record<string, unknown> {
    return {
      status: 'ok',
      info: {
        process: { status: 'up', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) },
      },
      error: {},
    };
  }

  @Get('ready')
  @RawResponse()
  @HealthCheck()
  @ApiOperation({
    summary: 'Every dependency this instance needs answers (database, NATS, Consul).',
  })
  @ApiOkResponse({ description: 'Ready to serve.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `error` names it.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const checks = this.readiness.entries().map(
      ([name, check]) =>
        () =>
          this.indicator
            .check(name)
            .attempt(async ({ signal }) => (await check(signal)) ?? undefined)
            .withTimeout(CHECK_TIMEOUT_MS),
    );
    try {
      return await this.health.check(checks);
    } catch (e) {
      if (e instanceof ServiceUnavailableException) {
        void reply.code(503);
        return e.getResponse();
      }
      throw e;
    }
  }
}
