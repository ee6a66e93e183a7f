import { Module } from '@nestjs/common';
import { CommonModule } from './common/common.module';
import { ConsumersModule } from './consumers/consumers.module';
import { CredentialsModule } from './credentials/credentials.module';
import { GraphRpcModule } from './graph-rpc/graph-rpc.module';
import { KeysModule } from './keys/keys.module';
import { OAuthModule } from './oauth/oauth.module';
import { PlansModule } from './plans/plans.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsersModule } from './users/users.module';

/** Exports the local credential verifier the platform's guard uses (see service.ts). */
@Module({
  imports: [
    CommonModule,
    TenantsModule,
    UsersModule,
    PlansModule,
    ConsumersModule,
    SubscriptionsModule,
    KeysModule,
    OAuthModule,
    CredentialsModule,
    GraphRpcModule,
  ],
  exports: [CredentialsModule],
})
export class AppModule {}
