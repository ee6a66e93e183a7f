import { Global, Module } from '@nestjs/common';
import { REQUEST_EVENT_SINK } from '../pipeline/contracts';
import { RequestEventSinkService } from './request-event-sink.service';

@Global()
@Module({
  providers: [
    RequestEventSinkService,
    { provide: REQUEST_EVENT_SINK, useExisting: RequestEventSinkService },
  ],
  exports: [REQUEST_EVENT_SINK, RequestEventSinkService],
})
export class EventsModule {}
