import { Args, Context, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { GraphRpcSubject } from '@portico/contracts';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';

@ObjectType()
export class RequestStats {
  @Field(() => Int) total!: number;
  @Field(() => Int) successful!: number;
  @Field(() => Int, { description: 'Status 400 or above.' }) failed!: number;
  @Field(() => Float, { description: 'Milliseconds.' }) avgResponseTime!: number;
  @Field(() => Float) p50!: number;
  @Field(() => Float) p95!: number;
  @Field(() => Float) p99!: number;
}

@ObjectType()
export class ErrorCount {
  @Field({ description: "The gateway's error code, or HTTP <status>." }) error!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ErrorStats {
  @Field(() => Float, { description: 'Fraction: 0.1 = 10%.' }) rate!: number;
  @Field(() => [ErrorCount]) topErrors!: ErrorCount[];
}

@ObjectType()
export class EndpointUsage {
  @Field() path!: string;
  @Field(() => Int) calls!: number;
}

@ObjectType()
export class ConsumerUsage {
  @Field() userId!: string;
  @Field(() => Int) calls!: number;
}

@ObjectType()
export class UsageStats {
  @Field(() => [EndpointUsage]) endpoints!: EndpointUsage[];
  @Field(() => [ConsumerUsage]) users!: ConsumerUsage[];
}

@ObjectType()
export class SeriesPoint {
  @Field({ description: 'Start of the bucket (ISO-8601).' }) t!: string;
  @Field(() => Int) requests!: number;
  @Field(() => Int) errors!: number;
  @Field(() => Float) p95!: number;
}

@ObjectType({ description: 'Traffic metrics of your tenant (consumers: their own traffic).' })
export class MetricsReport {
  @Field(() => RequestStats) requests!: RequestStats;
  @Field(() => ErrorStats) errors!: ErrorStats;
  @Field(() => UsageStats) usage!: UsageStats;
  @Field(() => [SeriesPoint]) series!: SeriesPoint[];
}

/** analytics' metrics report, as `GET /api/v1/metrics`. */
@Resolver()
export class MetricsResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => MetricsReport)
  metrics(
    @Context() ctx: GraphContext,
    @Args('timeRange', { defaultValue: '1h', description: '15m, 1h, 24h, 7d or 30d.' })
    timeRange: string,
    @Args('api', { type: () => ID, nullable: true }) api?: string | null,
    @Args('consumer', { type: () => ID, nullable: true }) consumer?: string | null,
    @Args('service', { type: () => String, nullable: true, description: 'An API name.' })
    service?: string | null,
  ): Promise<MetricsReport> {
    return this.client.call(GraphRpcSubject.analyticsMetrics, callerOf(ctx), {
      timeRange,
      ...(api ? { api } : {}),
      ...(consumer ? { consumer } : {}),
      ...(service ? { service } : {}),
    });
  }
}
