import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CloudEvent, LoggerLike } from '@portico/contracts';
import { InjectLogger, MessagingService } from '@portico/platform';
import { ResponseCacheService } from './response-cache.service';

/**
 * Any change the registry announces about an API (metadata, versions, routes, policies) may change
 * what its routes answer, so the API's cached responses go. Missed events cannot be replayed
 * selectively: on (re)subscribing, the whole cache goes.
 */
@Injectable()
export class CachePurgeListener implements OnModuleInit {
  private markSubscribed!: () => void;
  /** Resolves once registry events are being received (after the first NATS connection). */
  readonly subscribed = new Promise<void>((resolve) => (this.markSubscribed = resolve));

  constructor(
    private readonly messaging: MessagingService,
    private readonly cache: ResponseCacheService,
    @InjectLogger() private readonly logger: LoggerLike,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      this.cache.purgeAll();
      await m.subscribeEvents('registry.>', (e) => this.onEvent(e)).ready;
      this.markSubscribed();
    });
  }

  onEvent(event: CloudEvent): void {
    const apiId = (event.data as { apiId?: unknown } | null)?.apiId;
    if (typeof apiId !== 'string') return;
    const purged = this.cache.purgeApi(apiId);
    if (purged > 0) this.logger.debug({ apiId, purged, type: event.type }, 'cache purged');
  }
}
