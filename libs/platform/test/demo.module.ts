import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { Paginated, PorticoError, type Principal } from '@portico/contracts';
import { CurrentPrincipal, Public, Roles } from '../src/auth/auth.decorators';
import { z } from 'zod';
import { BaseConfigSchema } from '../src/config/config';
import type { ServiceDefinition } from '../src/bootstrap';
import { ZodDto } from '../src/http/zod';
import { currentRequestContext } from '../src/logging/request-context';
import { InjectLogger } from '../src/tokens';
import type { Logger } from 'pino';

export const WidgetSchema = z.object({
  name: z.string().min(2),
  size: z.number().int().positive(),
  color: z.enum(['red', 'blue']),
  tags: z.array(z.string()).default([]),
});
class CreateWidgetDto extends ZodDto(WidgetSchema) {}
class ListQuery extends ZodDto(z.object({ page: z.coerce.number().int().min(1).default(1) })) {}

/** A controller exercising each cross-cutting behaviour the platform promises. */
@Public()
@Controller('api/v1/widgets')
class WidgetsController {
  constructor(@InjectLogger() private readonly logger: Logger) {}

  @Get()
  list(@Query() q: ListQuery): Paginated<{ id: string }> {
    return new Paginated([{ id: 'w1' }], { page: q.page, limit: 20, total: 1 });
  }

  @Post()
  create(@Body() body: CreateWidgetDto): CreateWidgetDto {
    this.logger.info({ widget: body.name }, 'widget created');
    return body;
  }

  @Get('context')
  context(): unknown {
    return currentRequestContext();
  }

  @Get('conflict')
  conflict(): never {
    throw PorticoError.conflict('Widget is locked.', [{ field: 'status', message: 'locked' }]);
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }

  @Get('slow')
  async slow(@Query('ms') ms = '300'): Promise<{ waited: number }> {
    await new Promise((r) => setTimeout(r, Number(ms)));
    return { waited: Number(ms) };
  }
}

@Controller('api/v1/secure')
class SecureController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('admin-only')
  @Roles('admin')
  adminOnly(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [WidgetsController, SecureController] })
class DemoModule {}

export const DemoConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3999),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024),
});

export const demoService: ServiceDefinition<typeof DemoConfigSchema> = {
  name: 'demo',
  configSchema: DemoConfigSchema,
  module: DemoModule,
  openapi: { title: 'Demo', description: 'Platform test app.' },
};
