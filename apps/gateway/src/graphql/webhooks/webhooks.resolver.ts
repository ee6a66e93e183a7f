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
import { GraphRpcSubject } from '@portico/contracts';
import { type ConnectionShape, defined, PageArgs, pagedConnection } from '../common/connection';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';
import {
  CreateWebhookEndpointInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookMessage,
  WebhookMessageConnection,
  WebhookMessageFilter,
  WebhookRecoverResult,
} from './webhooks.types';

/** The webhook dispatcher's part of the graph. */
@Resolver(() => WebhookMessage)
export class WebhooksResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => WebhookEndpointConnection)
  async webhookEndpoints(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<WebhookEndpoint>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.webhookEndpoints, principal, { page: p, limit }),
    );
  }

  @Query(() => WebhookMessageConnection, { description: 'Messages, newest first.' })
  async webhookMessages(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => WebhookMessageFilter, nullable: true })
    filter?: WebhookMessageFilter,
  ): Promise<ConnectionShape<WebhookMessage>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.webhookMessages, principal, {
        page: p,
        limit,
        ...defined(filter),
      }),
    );
  }

  @ResolveField(() => [WebhookAttempt], { description: 'Oldest first.' })
  attempts(@Context() ctx: GraphContext, @Parent() m: WebhookMessage): Promise<WebhookAttempt[]> {
    return ctx.loaders.webhookAttemptsByMessage.load(m.id);
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'The answer holds the signing secret (`secret`), shown this once.',
  })
  createWebhookEndpoint(
    @Context() ctx: GraphContext,
    @Args('input', { type: () => CreateWebhookEndpointInput }) input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return this.client.call(GraphRpcSubject.createWebhookEndpoint, callerOf(ctx), {
      input: defined({ ...input }),
    });
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Send a message to one endpoint again, with a fresh retry schedule.',
  })
  resendMessage(
    @Context() ctx: GraphContext,
    @Args('messageId', { type: () => ID }) messageId: string,
    @Args('endpointId', { type: () => ID }) endpointId: string,
  ): Promise<WebhookDelivery> {
    return this.client.call(GraphRpcSubject.resendWebhookMessage, callerOf(ctx), {
      messageId,
      endpointId,
    });
  }

  @Mutation(() => WebhookRecoverResult, {
    description: "Resend an endpoint's failed messages since a time.",
  })
  recoverEndpoint(
    @Context() ctx: GraphContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('since') since: string,
    @Args('until', { type: () => String, nullable: true }) until?: string | null,
  ): Promise<WebhookRecoverResult> {
    return this.client.call(GraphRpcSubject.recoverWebhookEndpoint, callerOf(ctx), {
      id,
      since,
      ...(until ? { until } : {}),
    });
  }
}
