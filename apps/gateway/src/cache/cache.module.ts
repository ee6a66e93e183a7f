import { Global, Module } from '@nestjs/common';
import { RESPONSE_CACHE } from '../pipeline/contracts';
import { CacheController } from './cache.controller';
import { CachePurgeListener } from './cache-purge.listener';
import { ResponseCacheService } from './response-cache.service';

@Global()
@Module({
  controllers: [CacheController],
  providers: [
    ResponseCacheService,
    CachePurgeListener,
    { provide: RESPONSE_CACHE, useExisting: ResponseCacheService },
  ],
  exports: [RESPONSE_CACHE, ResponseCacheService],
})
export class CacheModule {}
