import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CacheModule } from './cache/cache.module';
import { DataPlaneModule } from './dataplane/dataplane.module';
import { DocsModule } from './docs/docs.module';
import { EventsModule } from './events/events.module';
import { GraphqlModule } from './graphql/graphql.module';
import { LimitsModule } from './limits/limits.module';
import { UpstreamsModule } from './upstreams/upstreams.module';

@Module({
  imports: [
    UpstreamsModule,
    AuthModule,
    LimitsModule,
    CacheModule,
    EventsModule,
    DataPlaneModule,
    DocsModule,
    GraphqlModule,
  ],
})
export class AppModule {}
