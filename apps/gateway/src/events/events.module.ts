import { Global, Module } from '@nestjs/common';
import { CONFIG } from '@portico/platform';
import { REQUEST_EVENT_SINK } from '../pipeline/contracts';
import type { EventsConfig } from './config';
import { RequestEventSinkService } from './request-event-sink.service';

/** With events off, the data plane gets no sink: it then builds no event per request. */
@Global()
@Module({
  providers: [
    RequestEventSinkService,
    {
      provide: REQUEST_EVENT_SINK,
      useFactory: (sink: RequestEventSinkService, config: EventsConfig) =>
        config.GATEWAY_EVENTS_ENABLED ? sink : null,
      inject: [RequestEventSinkService, CONFIG],
    },
  ],
  exports: [REQUEST_EVENT_SINK, RequestEventSinkService],
})
export class EventsModule {}
