import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { RequestEvent } from '@portico/contracts';
import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from '../../src/app.module';
import type { GatewayConfigSchema } from '../../src/config';
import {
  REQUEST_EVENT_SINK,
  UPSTREAM_ROUTER,
  type RequestEventSink,
  type UpstreamRouter,
} from '../../src/pipeline/contracts';
import { gatewayService } from '../../src/service';
import { UpstreamRouterService } from '../../src/upstreams/upstream-router.service';

/** Keeps every request event the data plane hands off (the real sink publishes them to NATS). */
export class CapturingEventSink implements RequestEventSink {
  readonly events: RequestEvent[] = [];
  record(event: RequestEvent): void {
    this.events.push(event);
  }
  byRequestId(id: string): RequestEvent[] {
    return this.events.filter((e) => e.requestId === id);
  }
}

/**
 * The gateway as production builds it, plus test providers for stage tokens. Their module is
 * registered first, so Nest resolves these tokens to them rather than to the stage modules.
 */
export function gatewayWith(
  providers: {
    /** Wraps the real router (upstreams/) to record what the data plane asks of it. */
    recordInto?: (real: UpstreamRouter) => UpstreamRouter;
    events?: RequestEventSink;
  } = {},
): ServiceDefinition<typeof GatewayConfigSchema> {
  const stageProviders = [
    ...(providers.recordInto
      ? [
          {
            provide: UPSTREAM_ROUTER,
            useFactory: providers.recordInto,
            inject: [UpstreamRouterService],
          },
        ]
      : []),
    ...(providers.events ? [{ provide: REQUEST_EVENT_SINK, useValue: providers.events }] : []),
  ];
  @Global()
  @Module({})
  class TestStagesModule {}
  const stages: DynamicModule = {
    module: TestStagesModule,
    global: true,
    providers: stageProviders,
    exports: stageProviders.map((p) => p.provide),
  };
  @Module({ imports: [stages, AppModule] })
  class TestGatewayModule {}
  return { ...gatewayService, module: TestGatewayModule };
}
