import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '../common/json.scalar';
import { Connection } from '../common/connection';

export enum VersionStatus {
  draft = 'draft',
  published = 'published',
  deprecated = 'deprecated',
  retired = 'retired',
}
registerEnumType(VersionStatus, {
  name: 'VersionStatus',
  description: 'draft → published → deprecated → retired',
});

@ObjectType({ description: 'A route of a version, with its own and its effective policies.' })
export class Route {
  @Field(() => ID) id!: string;
  @Field({ description: 'HTTP method or ANY.' }) method!: string;
  @Field({ description: 'Path below the base path, e.g. /cameras/{id}.' }) path!: string;
  @Field(() => String, { nullable: true }) operationId!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => GraphQLJSON, { description: "The route's own overrides." }) policies!: unknown;
  @Field(() => GraphQLJSON, { description: 'Version policies merged with the route overrides.' })
  effectivePolicies!: unknown;
}

@ObjectType()
export class ApiVersion {
  @Field(() => ID) id!: string;
  @Field() apiId!: string;
  @Field() version!: string;
  @Field(() => VersionStatus) status!: VersionStatus;
  @Field(() => [VersionStatus]) allowedTransitions!: VersionStatus[];
  @Field() basePath!: string;
  @Field(() => GraphQLJSON) upstream!: unknown;
  @Field(() => GraphQLJSON) policies!: unknown;
  @Field(() => String, { nullable: true }) publishedAt!: string | null;
  @Field(() => String, { nullable: true }) deprecatedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'RFC 8594 Sunset (ISO-8601).' })
  sunsetAt!: string | null;
  @Field(() => String, { nullable: true }) retiredAt!: string | null;
  @Field(() => String, { nullable: true }) successorVersion!: string | null;
  @Field(() => [Route]) routes!: Route[];
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType({ description: 'An API registered in your tenant.' })
export class Api {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => String, { nullable: true }) owner!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

export const ApiConnection = Connection(Api, 'Api');

@InputType()
export class ApiFilter {
  @Field(() => VersionStatus, {
    nullable: true,
    description: 'APIs with a version in this status.',
  })
  status?: VersionStatus;
  @Field({ nullable: true }) tag?: string;
  @Field({ nullable: true, description: 'Case-insensitive match on name, title or description.' })
  search?: string;
}

@InputType()
export class CreateApiInput {
  @Field({ description: 'Lowercase slug, unique in the tenant.' }) name!: string;
  @Field() title!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) tags?: string[];
  @Field({ nullable: true }) owner?: string;
}

@ObjectType()
export class ServiceInstance {
  @Field() id!: string;
  @Field() url!: string;
  @Field() healthy!: boolean;
  @Field(() => [String]) tags!: string[];
}

@ObjectType()
export class ServiceUsage {
  @Field() apiName!: string;
  @Field() version!: string;
  @Field() status!: string;
}

@ObjectType({ description: 'An upstream service known to discovery.' })
export class UpstreamService {
  @Field() name!: string;
  @Field(() => [ServiceInstance]) instances!: ServiceInstance[];
  @Field(() => Int) healthyInstances!: number;
  @Field(() => [ServiceUsage]) usedBy!: ServiceUsage[];
}

@ObjectType()
export class ServiceCatalogue {
  @Field({ description: 'consul or static.' }) discovery!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [UpstreamService]) services!: UpstreamService[];
}

@ObjectType({ description: 'One change to the registry: who, what, before and after.' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field() action!: string;
  @Field() entityType!: string;
  @Field() entityId!: string;
  @Field(() => String, { nullable: true }) apiId!: string | null;
  @Field() actorId!: string;
  @Field() actorRole!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => Int) revision!: number;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field() at!: string;
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

@InputType()
export class AuditFilter {
  @Field({ nullable: true, description: 'An entity id, or a type (api, version, route).' })
  entity?: string;
  @Field({ nullable: true, description: 'The actor id.' }) actor?: string;
  @Field({ nullable: true, description: 'ISO-8601 timestamp.' }) since?: string;
}

@ObjectType()
export class ImportRouteCounts {
  @Field(() => Int) added!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) removed!: number;
  @Field(() => Int) total!: number;
}

@ObjectType({ description: 'What an OpenAPI import created or changed.' })
export class ImportOpenApiResult {
  @Field(() => ID) apiId!: string;
  @Field() apiName!: string;
  @Field() apiCreated!: boolean;
  @Field(() => ID) versionId!: string;
  @Field() version!: string;
  @Field() versionCreated!: boolean;
  @Field(() => ImportRouteCounts) routes!: ImportRouteCounts;
  @Field(() => Int) revision!: number;
}

@InputType({ description: 'Overrides of what the import derives from the document.' })
export class ImportOpenApiOptions {
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) version?: string;
  @Field({ nullable: true }) basePath?: string;
  @Field({ nullable: true }) upstreamService?: string;
  @Field({ nullable: true }) upstreamUrl?: string;
}
