import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/connection';
import { GraphQLJSON } from '../common/json.scalar';

export enum ConsumerStatus {
  pending = 'pending',
  approved = 'approved',
  rejected = 'rejected',
  suspended = 'suspended',
}
registerEnumType(ConsumerStatus, { name: 'ConsumerStatus' });

@ObjectType({ description: 'An API key as listed: never the secret.' })
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'pk_live_<id>: the public part.' }) prefix!: string;
  @Field() masked!: string;
  @Field(() => String, { nullable: true }) consumerId!: string | null;
  @Field(() => String, { nullable: true }) userId!: string | null;
  @Field(() => [String]) scopes!: string[];
  @Field(() => [String], { nullable: true }) allowedApis!: string[] | null;
  @Field(() => [String], { nullable: true }) allowedIps!: string[] | null;
  @Field({ description: 'active, expired or revoked.' }) status!: string;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => String, { nullable: true }) revokedAt!: string | null;
  @Field(() => String, { nullable: true }) replacedById!: string | null;
  @Field(() => String, { nullable: true }) lastUsedAt!: string | null;
  @Field() createdAt!: string;
}

export const ApiKeyConnection = Connection(ApiKey, 'ApiKey');

@ObjectType({ description: 'A new key: `key` is the full secret, shown this once.' })
export class CreatedApiKey extends ApiKey {
  @Field() key!: string;
}

@ObjectType()
export class RotatedApiKey {
  @Field(() => ApiKey, { description: 'Works until the grace period ends.' }) previous!: ApiKey;
  @Field(() => CreatedApiKey) current!: CreatedApiKey;
}

@ObjectType()
export class Plan {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => Int, { nullable: true }) rateLimitPerMinute!: number | null;
  @Field(() => Int, { nullable: true }) quotaPerMonth!: number | null;
  @Field(() => [String], { nullable: true }) allowedApis!: string[] | null;
  @Field() autoApprove!: boolean;
  @Field() isDefault!: boolean;
  @Field() status!: string;
}

@ObjectType('ApiSubscription', { description: "A consumer's subscription to an API version." })
export class Subscription {
  @Field(() => ID) id!: string;
  @Field() consumerId!: string;
  @Field() apiId!: string;
  @Field() apiVersionId!: string;
  @Field() planId!: string;
  @Field({ description: 'pending, approved, rejected or cancelled.' }) status!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
  @Field() createdAt!: string;
}

@ObjectType({ description: 'A developer or application using your APIs.' })
export class Consumer {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'developer or application.' }) type!: string;
  @Field() email!: string;
  @Field(() => GraphQLJSON) contact!: unknown;
  @Field(() => GraphQLJSON) metadata!: unknown;
  @Field(() => ConsumerStatus) status!: ConsumerStatus;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => String, { nullable: true }) planId!: string | null;
  @Field(() => String, { nullable: true }) ownerUserId!: string | null;
  @Field(() => String, { nullable: true }) approvedAt!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

export const ConsumerConnection = Connection(Consumer, 'Consumer');

@InputType()
export class ConsumerFilter {
  @Field(() => ConsumerStatus, { nullable: true }) status?: ConsumerStatus;
}

@ObjectType()
export class SignUpResult {
  @Field(() => Consumer) consumer!: Consumer;
  @Field(() => CreatedApiKey, { description: 'Works once the consumer is approved.' })
  key!: CreatedApiKey;
}

@InputType()
export class SignUpInput {
  @Field({ nullable: true, description: "The tenant's slug; default: default." }) tenant?: string;
  @Field() name!: string;
  @Field({ nullable: true, description: 'developer (default) or application.' }) type?: string;
  @Field() email!: string;
  @Field({ nullable: true }) planId?: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field() name!: string;
  @Field(() => [String], { nullable: true }) scopes?: string[];
  @Field({ nullable: true, description: 'ISO-8601; default never.' }) expiresAt?: string;
  @Field(() => [String], { nullable: true, description: 'api_ ids.' }) allowedApis?: string[];
  @Field(() => [String], { nullable: true, description: 'Addresses or CIDR ranges.' })
  allowedIps?: string[];
}

@ObjectType({ description: 'The caller, as its credential identifies it.' })
export class Me {
  @Field() tenantId!: string;
  @Field({ description: 'admin, user, system, auditor or consumer.' }) role!: string;
  @Field() actorId!: string;
  @Field(() => String, { nullable: true }) consumerId!: string | null;
  @Field(() => String, { nullable: true }) keyId!: string | null;
  @Field(() => [String]) scopes!: string[];
  @Field({ description: 'apiKey, jwt or bootstrap.' }) via!: string;
}
