import { Args, Context, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { type ApiHealthReport as HealthReply, RpcSubject } from '@portico/contracts';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';

@ObjectType()
export class RouteHealth {
  @Field(() => String, { nullable: true }) routeId!: string | null;
  @Field(() => String, { nullable: true }) pathTemplate!: string | null;
  @Field() method!: string;
  @Field({ description: 'HEALTHY, WARNING, CRITICAL or ERROR.' }) status!: string;
  @Field(() => Int) requests!: number;
  @Field(() => Float) errorRate!: number;
  @Field(() => Float) avgResponseTimeMs!: number;
}

@ObjectType()
export class ApiHealth {
  @Field(() => ID) apiId!: string;
  @Field(() => String, { nullable: true }) apiName!: string | null;
  @Field({ description: 'HEALTHY, WARNING, CRITICAL or ERROR.' }) status!: string;
  @Field(() => Int) requests!: number;
  @Field(() => Float) errorRate!: number;
  @Field(() => Float) avgResponseTimeMs!: number;
  @Field(() => [RouteHealth]) routes!: RouteHealth[];
}

@ObjectType({ description: 'Health over the last hour (APIs without traffic are not listed).' })
export class ApiHealthReport {
  @Field() windowStart!: string;
  @Field() windowEnd!: string;
  @Field(() => [ApiHealth]) apis!: ApiHealth[];
}

/** analytics' health report, always narrowed to the caller's tenant. */
@Resolver()
export class HealthResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => ApiHealthReport)
  apiHealth(
    @Context() ctx: GraphContext,
    @Args('api', { type: () => ID, nullable: true, description: 'One API (api_… id).' })
    api?: string | null,
  ): Promise<HealthReply> {
    const { tenantId } = callerOf(ctx);
    return this.client.raw<HealthReply>(RpcSubject.analyticsApiHealth, {
      tenantId,
      ...(api ? { apiId: api } : {}),
    });
  }
}
