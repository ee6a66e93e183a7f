import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, ReadinessRegistry } from '@portico/platform';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../config';
import { REQUEST_LIMITER } from '../pipeline/contracts';
import { GatewayRequestLimiter, LIMIT_STORE } from './gateway-limiter';
import type { LimitStore } from './limit-spec';
import { MemoryLimitStore } from './memory-store';
import { RedisLimitStore } from './redis-store';

/** Builds the store the config asks for: Redis when REDIS_URL is set (or required), else memory. */
export function createLimitStore(
  config: GatewayConfig,
  readiness?: ReadinessRegistry,
): { store: LimitStore; close: () => Promise<void> } {
  const wantRedis =
    config.GATEWAY_RATE_LIMIT_STORE === 'redis' ||
    (config.GATEWAY_RATE_LIMIT_STORE === 'auto' && config.REDIS_URL !== undefined);
  if (!wantRedis) {
    const store = new MemoryLimitStore();
    return { store, close: () => Promise.resolve(store.close()) };
  }
  if (!config.REDIS_URL) {
    throw new Error('GATEWAY_RATE_LIMIT_STORE=redis needs REDIS_URL');
  }
  const redis = new Redis(config.REDIS_URL, {
    commandTimeout: config.GATEWAY_RATE_LIMIT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Concurrent requests share one write to the socket instead of one each.
    enableAutoPipelining: true,
    lazyConnect: false,
  });
  // Connection errors surface through readiness and the fail-open/closed policy, not as crashes.
  redis.on('error', () => undefined);
  readiness?.register('redis', async () => {
    await redis.ping();
  });
  return {
    store: new RedisLimitStore(redis, config.GATEWAY_RATE_LIMIT_PREFIX),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

class LimitStoreHolder implements OnApplicationShutdown {
  readonly store: LimitStore;
  private readonly close: () => Promise<void>;

  constructor(
    @InjectConfig() config: GatewayConfig,
    @Inject(ReadinessRegistry) readiness: ReadinessRegistry,
  ) {
    const made = createLimitStore(config, readiness);
    this.store = made.store;
    this.close = made.close;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** The rate-limit and quota stage, bound to REQUEST_LIMITER. */
@Global()
@Module({
  providers: [
    LimitStoreHolder,
    {
      provide: LIMIT_STORE,
      useFactory: (h: LimitStoreHolder) => h.store,
      inject: [LimitStoreHolder],
    },
    GatewayRequestLimiter,
    { provide: REQUEST_LIMITER, useExisting: GatewayRequestLimiter },
  ],
  exports: [REQUEST_LIMITER],
})
export class LimitsModule {}
