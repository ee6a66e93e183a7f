import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { LoggerLike } from '@portico/contracts';
import { OutboxRelay } from '@portico/messaging';
import { InjectDatabase, InjectLogger, MessagingService } from '@portico/platform';
import type { PrismaClient } from '../generated/prisma/client';

/** The app's one outbox relay: runs while NATS is connected, stops before the connection drains. */
@Injectable()
export class RegistryOutbox implements OnModuleInit {
  private relay: OutboxRelay | undefined;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
    @InjectLogger() private readonly logger: LoggerLike & { child(b: object): LoggerLike },
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      this.relay = new OutboxRelay({
        db: this.db,
        messaging: m,
        logger: this.logger.child({ component: 'outbox' }),
      });
      this.relay.start();
    });
    this.messaging.onShutdown(async () => {
      await this.relay?.stop();
    });
  }

  notify(): void {
    this.relay?.notify();
  }
}
