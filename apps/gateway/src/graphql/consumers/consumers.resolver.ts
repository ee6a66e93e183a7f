import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { GraphRpcSubject } from '@portico/contracts';
import {
  type ConnectionShape,
  defined,
  PageArgs,
  pagedConnection,
  sliceConnection,
} from '../common/connection';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';
import {
  ApiKey,
  ApiKeyConnection,
  Consumer,
  ConsumerConnection,
  ConsumerFilter,
  CreateApiKeyInput,
  CreatedApiKey,
  Me,
  Plan,
  RotatedApiKey,
  SignUpInput,
  SignUpResult,
  Subscription,
} from './consumers.types';

/** consumer-management's part of the graph: consumers, keys, subscriptions, plans, onboarding. */
@Resolver(() => Consumer)
export class ConsumersResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => ConsumerConnection, { description: 'Consumers (a `user` sees the ones it owns).' })
  async consumers(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => ConsumerFilter, nullable: true }) filter?: ConsumerFilter,
  ): Promise<ConnectionShape<Consumer>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.consumers, principal, {
        page: p,
        limit,
        ...defined(filter),
      }),
    );
  }

  @Query(() => Consumer)
  async consumer(
    @Context() ctx: GraphContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Consumer> {
    return (await this.client.call(GraphRpcSubject.consumer, callerOf(ctx), { id })) as Consumer;
  }

  @Query(() => Me, { description: 'The caller.' })
  me(@Context() ctx: GraphContext): Me {
    return callerOf(ctx);
  }

  @ResolveField(() => ApiKeyConnection, { description: "The consumer's keys, newest first." })
  async keys(
    @Context() ctx: GraphContext,
    @Parent() c: Consumer,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<ApiKey>> {
    return sliceConnection(await ctx.loaders.keysByConsumer.load(c.id), page);
  }

  @ResolveField(() => [Subscription])
  async subscriptions(
    @Context() ctx: GraphContext,
    @Parent() c: Consumer,
  ): Promise<Subscription[]> {
    return ctx.loaders.subscriptionsByConsumer.load(c.id);
  }

  @ResolveField(() => Plan, { nullable: true })
  async plan(@Context() ctx: GraphContext, @Parent() c: Consumer): Promise<Plan | null> {
    return c.planId ? ctx.loaders.planById.load(c.planId) : null;
  }

  @Mutation(() => SignUpResult, {
    description:
      'Self-service sign-up (no credential needed): a pending consumer and its first key.',
  })
  async signUpConsumer(
    @Context() ctx: GraphContext,
    @Args('input', { type: () => SignUpInput }) input: SignUpInput,
  ): Promise<SignUpResult> {
    const r = await this.client.call(GraphRpcSubject.signUpConsumer, ctx.principal, {
      input: defined({ ...input }),
    });
    return r as SignUpResult;
  }

  @Mutation(() => Consumer, { description: 'Approve a pending (or suspended) consumer.' })
  async approveConsumer(
    @Context() ctx: GraphContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('planId', { type: () => String, nullable: true }) planId?: string | null,
  ): Promise<Consumer> {
    const c = await this.client.call(GraphRpcSubject.approveConsumer, callerOf(ctx), {
      id,
      ...(planId ? { planId } : {}),
    });
    return c as Consumer;
  }

  @Mutation(() => Consumer, { description: 'Reject a pending consumer, with a reason.' })
  async rejectConsumer(
    @Context() ctx: GraphContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<Consumer> {
    const c = await this.client.call(GraphRpcSubject.rejectConsumer, callerOf(ctx), { id, reason });
    return c as Consumer;
  }

  @Mutation(() => CreatedApiKey, {
    description: "A new key for a consumer (or the caller's own); the full key is shown once.",
  })
  createApiKey(
    @Context() ctx: GraphContext,
    @Args('input', { type: () => CreateApiKeyInput }) input: CreateApiKeyInput,
    @Args('consumerId', { type: () => ID, nullable: true }) consumerId?: string | null,
  ): Promise<CreatedApiKey> {
    return this.client.call(GraphRpcSubject.createApiKey, callerOf(ctx), {
      input: defined({ ...input }),
      ...(consumerId ? { consumerId } : {}),
    });
  }

  @Mutation(() => ApiKey, { description: 'Revoke a key (effective at once).' })
  revokeApiKey(
    @Context() ctx: GraphContext,
    @Args('keyId', { type: () => ID }) keyId: string,
    @Args('consumerId', { type: () => ID, nullable: true }) consumerId?: string | null,
  ): Promise<ApiKey> {
    return this.client.call(GraphRpcSubject.revokeApiKey, callerOf(ctx), {
      keyId,
      ...(consumerId ? { consumerId } : {}),
    });
  }

  @Mutation(() => RotatedApiKey, {
    description: 'A new key with the same settings; the old one works for the grace period.',
  })
  rotateApiKey(
    @Context() ctx: GraphContext,
    @Args('keyId', { type: () => ID }) keyId: string,
    @Args('consumerId', { type: () => ID, nullable: true }) consumerId?: string | null,
    @Args('gracePeriodSeconds', { type: () => Int, nullable: true })
    gracePeriodSeconds?: number | null,
  ): Promise<RotatedApiKey> {
    return this.client.call(GraphRpcSubject.rotateApiKey, callerOf(ctx), {
      keyId,
      ...(consumerId ? { consumerId } : {}),
      ...(gracePeriodSeconds != null ? { gracePeriodSeconds } : {}),
    });
  }
}
