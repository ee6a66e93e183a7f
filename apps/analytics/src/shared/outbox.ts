import { Injectable } from '@nestjs/common';
import { OutboxRelay, type SqlDatabase } from '@portico/messaging';
import { InjectDatabase, InjectLogger, MessagingService } from '@portico/platform';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client';

/** The app's one outbox relay: publishes alert and quota events written with their state change. */
@Injectable()
export class Outbox {
  private relay: OutboxRelay | undefined;

  constructor(
    @InjectDatabase() prisma: PrismaClient,
    messaging: MessagingService,
    @InjectLogger() logger: Logger,
  ) {
    messaging.onConnected((m) => {
      this.relay = new OutboxRelay({
        db: prisma as unknown as SqlDatabase,
        messaging: m,
        logger: logger.child({ component: 'outbox' }),
      });
      this.relay.start();
    });
    messaging.onShutdown(async () => {
      await this.relay?.stop();
    });
  }

  /** Call after committing outbox rows. */
  notify(): void {
    this.relay?.notify();
  }

  /** Publishes what is pending now (tests, shutdown paths). */
  async flush(): Promise<number> {
    return (await this.relay?.flush()) ?? 0;
  }
}
