import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Streams } from '@portico/contracts';
import type { Stoppable } from '@portico/messaging';
import { InjectConfig, MessagingService } from '@portico/platform';
import type { AnalyticsConfig } from '../config';
import { IngestBatch } from './ingest-batch';

export const INGEST_DURABLE = 'analytics-ingest';

/**
 * Runs the durable pull consumer on `portico.traffic.>` (NATS 2.9: one wildcard filter). Several
 * loops share the durable so that one batch is parsed while another commits.
 */
@Injectable()
export class IngestService implements OnApplicationBootstrap {
  private readonly loops: Stoppable[] = [];

  constructor(
    private readonly messaging: MessagingService,
    private readonly batch: IngestBatch,
    @InjectConfig() private readonly config: AnalyticsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.messaging.onConnected((m) => {
      for (let i = 0; i < this.config.ANALYTICS_INGEST_CONCURRENCY; i++) {
        this.loops.push(
          m.consumeDurable({
            stream: Streams.traffic.name,
            durable: INGEST_DURABLE,
            filterSubjects: ['portico.traffic.>'],
            batchSize: this.config.ANALYTICS_INGEST_BATCH_SIZE,
            ackWaitMs: this.config.ANALYTICS_INGEST_ACK_WAIT_MS,
            maxWaitMs: this.config.ANALYTICS_INGEST_MAX_WAIT_MS,
            handler: async (messages) => {
              await this.batch.run(messages);
            },
          }),
        );
      }
    });
    this.messaging.onShutdown(async () => {
      await Promise.all(this.loops.splice(0).map((l) => l.stop()));
    });
  }
}
