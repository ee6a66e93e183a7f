import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { GraphRpcSubject, type RegistryAuditEntry } from '@portico/contracts';
import { type ConnectionShape, defined, PageArgs, pagedConnection } from '../common/connection';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';
import { GraphQLJSON } from '../common/json.scalar';
import {
  Api,
  ApiConnection,
  ApiFilter,
  ApiVersion,
  AuditEntry,
  AuditEntryConnection,
  AuditFilter,
  CreateApiInput,
  ImportOpenApiOptions,
  ImportOpenApiResult,
  Route,
  ServiceCatalogue,
} from './registry.types';

type ApiNode = Omit<Api, never>;

function toAuditNode(e: RegistryAuditEntry): AuditEntry {
  return {
    id: e.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    apiId: e.apiId,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    before: e.before,
    after: e.after,
    revision: e.revision,
    requestId: e.requestId,
    at: e.at,
  };
}

/** The registry's part of the graph: APIs, versions, routes, services, audit, lifecycle. */
@Resolver(() => Api)
export class RegistryResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => ApiConnection, {
    description: 'APIs of your tenant (admin, user, system, auditor).',
  })
  async apis(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => ApiFilter, nullable: true }) filter?: ApiFilter,
  ): Promise<ConnectionShape<ApiNode>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.registryApis, principal, {
        page: p,
        limit,
        ...defined(filter),
      }),
    );
  }

  @Query(() => Api, { description: 'One API, by id (api_…) or name.' })
  api(@Context() ctx: GraphContext, @Args('id', { type: () => ID }) id: string): Promise<ApiNode> {
    return this.client.call(GraphRpcSubject.registryApi, callerOf(ctx), { api: id });
  }

  @ResolveField(() => [ApiVersion], { description: 'Oldest first, each with its routes.' })
  async versions(@Context() ctx: GraphContext, @Parent() api: Api): Promise<ApiVersion[]> {
    return (await ctx.loaders.versionsByApi.load(api.id)) as unknown as ApiVersion[];
  }

  @Query(() => ServiceCatalogue, { description: 'Upstream services known to discovery.' })
  services(@Context() ctx: GraphContext): Promise<ServiceCatalogue> {
    return this.client.call(GraphRpcSubject.registryServices, callerOf(ctx), {});
  }

  @Query(() => AuditEntryConnection, {
    description: 'Registry changes, newest first (admin, auditor, system).',
  })
  async auditLog(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AuditFilter, nullable: true }) filter?: AuditFilter,
  ): Promise<ConnectionShape<AuditEntry>> {
    const principal = callerOf(ctx);
    return pagedConnection(
      page,
      (p, limit) =>
        this.client.call(GraphRpcSubject.registryAudit, principal, {
          page: p,
          limit,
          ...defined(filter),
        }),
      toAuditNode,
    );
  }

  @Mutation(() => Api, { description: 'Register an API (emits registry.api.created).' })
  createApi(
    @Context() ctx: GraphContext,
    @Args('input', { type: () => CreateApiInput }) input: CreateApiInput,
  ): Promise<ApiNode> {
    return this.client.call(
      GraphRpcSubject.registryCreateApi,
      callerOf(ctx),
      defined({ ...input }) as CreateApiInput,
    );
  }

  @Mutation(() => ApiVersion, {
    description: 'Create a draft version: the body of POST /api/v1/apis/{api}/versions.',
  })
  async createVersion(
    @Context() ctx: GraphContext,
    @Args('api', { description: 'API id or name.' }) api: string,
    @Args('input', { type: () => GraphQLJSON }) input: unknown,
  ): Promise<ApiVersion> {
    const v = await this.client.call(GraphRpcSubject.registryCreateVersion, callerOf(ctx), {
      api,
      input,
    });
    return v as unknown as ApiVersion;
  }

  @Mutation(() => ImportOpenApiResult, {
    description:
      'Create or update an API, a version and its routes from an OpenAPI 3.x document (object or JSON/YAML text).',
  })
  importOpenApi(
    @Context() ctx: GraphContext,
    @Args('document', { type: () => GraphQLJSON }) document: unknown,
    @Args('options', { type: () => ImportOpenApiOptions, nullable: true })
    options?: ImportOpenApiOptions,
  ): Promise<ImportOpenApiResult> {
    return this.client.call(GraphRpcSubject.registryImportOpenApi, callerOf(ctx), {
      document,
      ...defined({ ...options }),
    });
  }

  @Mutation(() => ApiVersion, { description: 'draft → published: the gateway starts serving it.' })
  async publishVersion(
    @Context() ctx: GraphContext,
    @Args('api') api: string,
    @Args('version', { description: 'v1, 1.2.0 or ver_…' }) version: string,
  ): Promise<ApiVersion> {
    const v = await this.client.call(GraphRpcSubject.registryPublishVersion, callerOf(ctx), {
      api,
      version,
    });
    return v as unknown as ApiVersion;
  }

  @Mutation(() => ApiVersion, { description: 'published → deprecated, with a future sunset.' })
  async deprecateVersion(
    @Context() ctx: GraphContext,
    @Args('api') api: string,
    @Args('version') version: string,
    @Args('sunsetAt', { description: 'ISO-8601, in the future.' }) sunsetAt: string,
    @Args('successorVersion', { type: () => String, nullable: true })
    successorVersion?: string | null,
  ): Promise<ApiVersion> {
    const v = await this.client.call(GraphRpcSubject.registryDeprecateVersion, callerOf(ctx), {
      api,
      version,
      sunsetAt,
      ...(successorVersion ? { successorVersion } : {}),
    });
    return v as unknown as ApiVersion;
  }

  @Mutation(() => ApiVersion, { description: 'deprecated → retired: the gateway answers 410.' })
  async retireVersion(
    @Context() ctx: GraphContext,
    @Args('api') api: string,
    @Args('version') version: string,
  ): Promise<ApiVersion> {
    const v = await this.client.call(GraphRpcSubject.registryRetireVersion, callerOf(ctx), {
      api,
      version,
    });
    return v as unknown as ApiVersion;
  }
}

/** Versions from mutations come without routes; the batched read fills them in. */
@Resolver(() => ApiVersion)
export class ApiVersionResolver {
  @ResolveField(() => [Route])
  async routes(@Context() ctx: GraphContext, @Parent() v: ApiVersion): Promise<Route[]> {
    if (v.routes) return v.routes;
    const all = await ctx.loaders.versionsByApi.load(v.apiId);
    return (all.find((x) => x.id === v.id)?.routes ?? []) as Route[];
  }
}
