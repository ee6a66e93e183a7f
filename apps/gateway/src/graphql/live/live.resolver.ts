import {
  Args,
  Context,
  Field,
  Float,
  ID,
  Int,
  ObjectType,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { PorticoError, type RequestEvent, trafficSubject } from '@portico/contracts';
import { MessagingService } from '@portico/platform';
import { callerOf, type GraphContext } from '../common/context';
import { LiveCounter, type MetricsTick } from './live-counter';

@ObjectType({ description: 'One second of requests through the gateway.' })
export class RequestMetricsTick implements MetricsTick {
  @Field({ description: 'When the second ended (ISO-8601).' }) at!: string;
  @Field(() => Int) requests!: number;
  @Field(() => Int, { description: 'Status 400 or above.' }) errors!: number;
  @Field(() => Float) avgLatencyMs!: number;
}

const READERS = new Set(['admin', 'user', 'system', 'auditor', 'consumer']);

/** Live data over graphql-ws, fed from NATS. */
@Resolver()
export class LiveResolver {
  constructor(private readonly messaging: MessagingService) {}

  @Subscription(() => RequestMetricsTick, {
    description:
      "Live counters of an API's requests, every second, from the gateways' request events " +
      '(a consumer sees its own requests).',
    resolve: (tick: MetricsTick) => tick,
  })
  requestMetrics(
    @Context() ctx: GraphContext,
    @Args('api', { type: () => ID, description: 'api_… id.' }) api: string,
  ): AsyncIterableIterator<MetricsTick> {
    const p = callerOf(ctx);
    if (!READERS.has(p.role)) throw PorticoError.forbidden();
    const m = this.messaging.get();
    const consumerOnly = p.role === 'consumer' ? p.consumerId : null;
    // The gateways publish each tenant's traffic on its own subject: the tenant is the scope.
    const sub = m.nc.subscribe(m.namespace.subject(trafficSubject(p.tenantId)));
    const counter = new LiveCounter(
      (e) => e.apiId === api && (consumerOnly === null || e.consumerId === consumerOnly),
      () => sub.unsubscribe(),
    );
    void (async () => {
      for await (const msg of sub) {
        let batch: { events?: RequestEvent[] };
        try {
          batch = msg.json<{ events?: RequestEvent[] }>();
        } catch {
          continue;
        }
        for (const e of batch.events ?? []) counter.add(e);
      }
    })().catch(() => void counter.return());
    return counter;
  }
}
