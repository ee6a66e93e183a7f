import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditQuerySchema,
  Paginated,
  type Principal,
  type RegistryAuditEntry,
} from '@portico/contracts';
import { CurrentPrincipal, InjectDatabase, Roles, ZodDto } from '@portico/platform';
import type { AuditEntry, PrismaClient } from '../generated/prisma/client';
import { AuditRepository } from './audit.repository';

class AuditQueryDto extends ZodDto(AuditQuerySchema) {}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @Roles('admin', 'auditor', 'system')
  @ApiOperation({
    summary: 'Who changed what and when, with before/after (newest first)',
    description:
      'entity: an id (api_…, ver_…, rte_…; an API id includes its versions and routes) or a type ' +
      '(api, version, route); actor: the actor id; since: ISO-8601 timestamp.',
  })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: AuditQueryDto,
  ): Promise<Paginated<RegistryAuditEntry>> {
    const { items, total } = await this.audit.list(this.db, p.tenantId, q);
    return new Paginated(items.map(toAuditDto), { page: q.page, limit: q.limit, total });
  }
}

export function toAuditDto(e: AuditEntry): RegistryAuditEntry {
  return {
    id: e.id,
    action: e.action,
    entityType: e.entityType as RegistryAuditEntry['entityType'],
    entityId: e.entityId,
    apiId: e.apiId,
    actor: { id: e.actorId, role: e.actorRole },
    before: e.before,
    after: e.after,
    revision: Number(e.revision),
    requestId: e.requestId,
    at: e.createdAt.toISOString(),
  };
}
