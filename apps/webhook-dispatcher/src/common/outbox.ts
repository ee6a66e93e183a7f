import { Injectable } from '@nestjs/common';
import { OutboxRelay } from '@portico/messaging';
import { InjectDatabase, InjectLogger, MessagingService } from '@portico/platform';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client';

/** The app's one outbox relay: started once NATS is up, woken after each commit that wrote events. */
@Injectable()
export class Outbox {
  private relay: OutboxRelay | undefined;

  constructor(
    @InjectDatabase() db: PrismaClient,
    @InjectLogger() logger: Logger,
    messaging: MessagingService,
  ) {
    messaging.onConnected((m) => {
      this.relay = new OutboxRelay({
        db,
        messaging: m,
        logger: logger.child({ component: 'outbox' }),
      });
      this.relay.start();
    });
    messaging.onShutdown(() => this.relay?.stop());
  }

  notify(): void {
    this.relay?.notify();
  }
}
