import { Controller, Delete, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@portico/contracts';
import { CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { z } from 'zod';
import { ResponseCacheService } from './response-cache.service';

const PurgeQuerySchema = z
  .object({
    /** The API whose cached responses go; absent: every API of the caller's tenant. */
    api: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be an API id')
      .optional(),
  })
  .strict();
class PurgeQueryDto extends ZodDto(PurgeQuerySchema) {}

@ApiTags('gateway')
@Controller('api/v1/gateway/cache')
export class CacheController {
  constructor(private readonly cache: ResponseCacheService) {}

  @Delete()
  @Roles('admin')
  @ApiOperation({
    summary: "Purge cached responses of an API (?api=api_…), or of all the tenant's APIs",
  })
  purge(@CurrentPrincipal() p: Principal, @Query() q: PurgeQueryDto): { purged: number } {
    return { purged: this.cache.purgeForTenant(p.tenantId, q.api) };
  }
}
