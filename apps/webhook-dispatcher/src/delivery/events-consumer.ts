import { Injectable } from '@nestjs/common';
import { isCloudEvent, type CloudEvent } from '@portico/contracts';
import type { Stoppable } from '@portico/messaging';
import { InjectConfig, InjectLogger, MessagingService } from '@portico/platform';
import type { Logger } from 'pino';
import type { WebhookDispatcherConfig } from '../config';
import { FanOut } from './fan-out';

export const EVENTS_DURABLE = 'webhook-dispatcher';

/**
 * Consumes every domain event durably. The batch is fanned out and committed before the handler
 * returns, and only then does the messaging lib ack it; a crash in between redelivers the batch and
 * the fan-out skips event ids it already stored. The dispatcher's own webhook.* events come through
 * here too and go to their subscribers like any other.
 */
@Injectable()
export class EventsConsumer {
  private consumer: Stoppable | undefined;

  constructor(
    messaging: MessagingService,
    fanOut: FanOut,
    @InjectConfig() config: WebhookDispatcherConfig,
    @InjectLogger() logger: Logger,
  ) {
    messaging.onConnected((m) => {
      this.consumer = m.consumeDurable({
        stream: 'PORTICO_EVENTS',
        durable: EVENTS_DURABLE,
        filterSubjects: ['portico.events.>'],
        ackWaitMs: config.WEBHOOK_CONSUMER_ACK_WAIT_MS,
        handler: async (batch) => {
          const events: CloudEvent[] = [];
          for (const msg of batch) {
            let value: unknown;
            try {
              value = msg.json();
            } catch {
              value = undefined;
            }
            if (isCloudEvent(value)) events.push(value);
            else
              logger.warn(
                { subject: msg.subject, seq: msg.seq },
                'skipping a non-CloudEvent message',
              );
          }
          await fanOut.ingestEvents(events);
        },
      });
    });
    messaging.onShutdown(() => this.consumer?.stop());
  }
}
