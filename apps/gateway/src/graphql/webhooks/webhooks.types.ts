import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/connection';
import { GraphQLJSON } from '../common/json.scalar';

@ObjectType({ description: 'Where webhook messages are delivered.' })
export class WebhookEndpoint {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) consumerId!: string | null;
  @Field() url!: string;
  @Field() description!: string;
  @Field(() => [String], { description: 'Event types (patterns); empty = all.' })
  eventTypes!: string[];
  @Field(() => GraphQLJSON, { nullable: true }) payloadFilter!: unknown;
  @Field() httpMethod!: string;
  @Field(() => GraphQLJSON) headers!: unknown;
  @Field() isActive!: boolean;
  @Field(() => String, { nullable: true }) disabledReason!: string | null;
  @Field(() => Int, { nullable: true }) rateLimitPerSecond!: number | null;
  @Field(() => Int) timeoutSeconds!: number;
  @Field(() => Int) retryCount!: number;
  @Field(() => String, { nullable: true }) failingSince!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The signing secret: only in the answer to createWebhookEndpoint.',
  })
  secret?: string | null;
}

export const WebhookEndpointConnection = Connection(WebhookEndpoint, 'WebhookEndpoint');

@ObjectType({ description: 'One delivery attempt of a message to an endpoint.' })
export class WebhookAttempt {
  @Field(() => ID) id!: string;
  @Field() endpointId!: string;
  @Field() url!: string;
  @Field({ description: 'succeeded or failed.' }) status!: string;
  @Field(() => Int, { nullable: true }) responseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'The first 20 KB.' })
  responseBody!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) durationMs!: number;
  @Field({ description: 'scheduled or manual.' }) trigger!: string;
  @Field() timestamp!: string;
}

@ObjectType({ description: "A message's delivery to one endpoint." })
export class WebhookDelivery {
  @Field() endpointId!: string;
  @Field({ description: 'pending, succeeded or failed.' }) status!: string;
  @Field(() => Int) attemptCount!: number;
  @Field(() => String, { nullable: true }) nextAttemptAt!: string | null;
  @Field(() => Int, { nullable: true }) lastStatus!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true }) completedAt!: string | null;
}

@ObjectType()
export class WebhookMessage {
  @Field(() => ID) id!: string;
  @Field() eventId!: string;
  @Field() eventType!: string;
  @Field(() => String, { nullable: true }) consumerId!: string | null;
  @Field(() => GraphQLJSON) payload!: unknown;
  @Field() timestamp!: string;
  @Field({ description: 'event or api.' }) source!: string;
  @Field() createdAt!: string;
}

export const WebhookMessageConnection = Connection(WebhookMessage, 'WebhookMessage');

@InputType()
export class WebhookMessageFilter {
  @Field({ nullable: true }) eventType?: string;
  @Field({ nullable: true }) endpointId?: string;
  @Field({ nullable: true, description: 'pending, succeeded or failed.' }) status?: string;
  @Field({ nullable: true, description: 'ISO-8601.' }) since?: string;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field() url!: string;
  @Field({ nullable: true }) description?: string;
  @Field({ nullable: true, description: 'Deliver only messages about this consumer.' })
  consumerId?: string;
  @Field(() => [String], { nullable: true }) eventTypes?: string[];
  @Field(() => GraphQLJSON, { nullable: true }) payloadFilter?: unknown;
  @Field({ nullable: true, description: 'POST (default), PUT or PATCH.' }) httpMethod?: string;
  @Field(() => GraphQLJSON, { nullable: true }) headers?: unknown;
  @Field(() => Int, { nullable: true }) timeoutSeconds?: number;
  @Field(() => Int, { nullable: true }) retryCount?: number;
  @Field(() => Int, { nullable: true }) rateLimitPerSecond?: number;
}

@ObjectType()
export class WebhookRecoverResult {
  @Field(() => Int) recovered!: number;
  @Field({ description: 'More failed messages are left; call again.' }) more!: boolean;
}
