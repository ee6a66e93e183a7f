import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  createCloudEvent,
  ErrorCode,
  EventCatalogue,
  type EventData,
  type EventType,
  PorticoError,
} from '@portico/contracts';
import { OutboxRelay, type SqlDatabase, writeOutboxEvent } from '@portico/messaging';
import { InjectDatabase, InjectLogger, MessagingService } from '@portico/platform';
import type { Logger } from 'pino';
import type { Db, Tx } from './database';

export type Emit = <T extends EventType>(
  type: T,
  tenantId: string,
  subject: string,
  data: EventData<T>,
) => Promise<void>;

/** Waiting for a pooled connection under load is normal; holding one long is not. */
const TX_OPTIONS = { maxWait: 5_000, timeout: 10_000 };

/**
 * State changes and the events announcing them commit together: `transaction(fn)` hands `fn` a
 * transaction and an `emit` that writes to the outbox in it; the relay publishes after commit.
 */
@Injectable()
export class Outbox implements OnModuleInit {
  private relay: OutboxRelay | undefined;
  private readonly committed: Array<() => void> = [];

  constructor(
    @InjectDatabase() private readonly db: Db,
    private readonly messaging: MessagingService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      this.relay = new OutboxRelay({
        db: this.db as unknown as SqlDatabase,
        messaging: m,
        logger: this.logger.child({ component: 'outbox' }),
      });
      this.relay.start();
    });
    this.messaging.onShutdown(async () => {
      await this.relay?.stop();
    });
  }

  async transaction<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
    let emitted = false;
    const result = await this.run(async (tx) => {
      const emit: Emit = async (type, tenantId, subject, data) => {
        // The catalogue is the contract with subscribers: never publish a payload it rejects.
        const parsed = EventCatalogue[type].data.parse(data);
        await writeOutboxEvent(
          tx,
          createCloudEvent({
            source: 'consumer-management',
            type,
            tenantId,
            subject,
            data: parsed,
          }),
        );
        emitted = true;
      };
      return fn(tx, emit);
    }, TX_OPTIONS);
    if (emitted) {
      for (const listener of this.committed) listener();
      this.relay?.notify();
    }
    return result;
  }

  private async run<T>(fn: (tx: Tx) => Promise<T>, options: typeof TX_OPTIONS): Promise<T> {
    try {
      return await this.db.$transaction(fn, options);
    } catch (err) {
      // No connection free in time: the database is saturated, which is worth a retry, not a 500.
      if ((err as { code?: string }).code === 'P2028') {
        throw new PorticoError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'The database is busy right now; try again.',
          [],
          { headers: { 'retry-after': '1' }, cause: err },
        );
      }
      throw err;
    }
  }

  /** Runs after every transaction that emitted events commits (local caches drop stale data). */
  onCommitted(listener: () => void): void {
    this.committed.push(listener);
  }
}
