import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  answerGraphRpc,
  ApiListQuerySchema,
  AuditQuerySchema,
  CreateApiSchema,
  CreateApiVersionSchema,
  DeprecateApiVersionSchema,
  GraphRpcSubject,
  ImportOpenApiQuerySchema,
  type RegistryApiVersion,
  type Role,
} from '@portico/contracts';
import { InjectDatabase, MessagingService, parseWith } from '@portico/platform';
import { z } from 'zod';
import { ApisService } from '../apis/apis.service';
import { AuditRepository } from '../audit/audit.repository';
import { toAuditDto } from '../audit/audit.controller';
import { actorOf } from '../common/actor';
import { toVersionDto } from '../common/serialize';
import type { PrismaClient } from '../generated/prisma/client';
import { ImportOpenApiUsecase } from '../openapi-import/usecases/import-openapi.usecase';
import { ServicesCatalogueService } from '../services-catalogue/services-catalogue.service';
import { VersionsService } from '../versions/versions.service';

/** As the REST routes: see common/roles.ts. */
const READ: Role[] = ['admin', 'user', 'system', 'auditor'];
const WRITE: Role[] = ['admin', 'user', 'system'];
const AUDIT: Role[] = ['admin', 'auditor', 'system'];

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
  parseWith(schema, value, 'arguments');

const Ref = z.string().min(1).max(200);
const VersionRefSchema = z.object({ api: Ref, version: Ref });
const VersionsByApiSchema = z.object({ apiIds: z.array(Ref).max(500) });

/**
 * The registry's side of the gateway's GraphQL API (`registry.graph.*`): the same services, roles
 * and validation as the REST controllers, plus one batched read (versions of many APIs) so a page
 * of APIs with their versions costs one request.
 */
@Injectable()
export class GraphRpcService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
    private readonly apis: ApisService,
    private readonly versions: VersionsService,
    private readonly catalogue: ServicesCatalogueService,
    private readonly audit: AuditRepository,
    private readonly importer: ImportOpenApiUsecase,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const S = GraphRpcSubject;
      await Promise.all([
        answerGraphRpc(m, S.registryApis, READ, async (p, args) => {
          const page = await this.apis.list(p.tenantId, parse(ApiListQuerySchema, args));
          return { items: page.items, pagination: page.pagination };
        }),
        answerGraphRpc(m, S.registryApi, READ, (p, args) =>
          this.apis.get(p.tenantId, parse(z.object({ api: Ref }), args).api),
        ),
        answerGraphRpc(m, S.registryVersionsByApi, READ, (p, args) =>
          this.versionsByApi(p.tenantId, parse(VersionsByApiSchema, args).apiIds),
        ),
        answerGraphRpc(m, S.registryServices, READ, (p) => this.catalogue.catalogue(p.tenantId)),
        answerGraphRpc(m, S.registryAudit, AUDIT, async (p, args) => {
          const q = parse(AuditQuerySchema, args);
          const { items, total } = await this.audit.list(this.db, p.tenantId, q);
          return {
            items: items.map(toAuditDto),
            pagination: { page: q.page, limit: q.limit, total },
          };
        }),
        answerGraphRpc(m, S.registryCreateApi, WRITE, (p, args) =>
          this.apis.create(actorOf(p), parse(CreateApiSchema, args)),
        ),
        answerGraphRpc(m, S.registryCreateVersion, WRITE, (p, args) => {
          const { api, input } = parse(z.object({ api: Ref, input: z.unknown().optional() }), args);
          return this.versions.create(actorOf(p), api, parse(CreateApiVersionSchema, input));
        }),
        answerGraphRpc(m, S.registryPublishVersion, WRITE, (p, args) => {
          const { api, version } = parse(VersionRefSchema, args);
          return this.versions.publish(actorOf(p), api, version);
        }),
        answerGraphRpc(m, S.registryDeprecateVersion, WRITE, (p, args) => {
          const { api, version, ...body } = parse(
            VersionRefSchema.extend({
              sunsetAt: z.unknown().optional(),
              successorVersion: z.unknown().optional(),
            }),
            args,
          );
          const input = parse(DeprecateApiVersionSchema, stripUndefined(body));
          return this.versions.deprecate(actorOf(p), api, version, input);
        }),
        answerGraphRpc(m, S.registryImportOpenApi, WRITE, (p, args) => {
          const { document, ...query } = args;
          return this.importer.execute(
            actorOf(p),
            document,
            parse(ImportOpenApiQuerySchema, query),
          );
        }),
        answerGraphRpc(m, S.registryRetireVersion, WRITE, (p, args) => {
          const { api, version } = parse(VersionRefSchema, args);
          return this.versions.retire(actorOf(p), api, version);
        }),
      ]);
    });
  }

  /** One query for the versions (and routes) of every API asked for, within the tenant. */
  private async versionsByApi(
    tenantId: string,
    apiIds: string[],
  ): Promise<Record<string, RegistryApiVersion[]>> {
    const out: Record<string, RegistryApiVersion[]> = {};
    if (apiIds.length === 0) return out;
    const rows = await this.db.apiVersion.findMany({
      where: { tenantId, apiId: { in: apiIds } },
      orderBy: { createdAt: 'asc' },
      include: {
        api: { select: { name: true } },
        routes: { orderBy: [{ path: 'asc' }, { method: 'asc' }] },
      },
    });
    for (const { api, routes, ...v } of rows) {
      (out[v.apiId] ??= []).push(toVersionDto(v, api.name, routes));
    }
    return out;
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
