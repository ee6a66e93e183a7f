import { Module } from '@nestjs/common';
import { OAuthModule } from '../oauth/oauth.module';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsRpc } from './credentials.rpc';
import { CredentialsService } from './credentials.service';

@Module({
  imports: [OAuthModule],
  providers: [CredentialsRepository, CredentialsService, CredentialsRpc],
  exports: [CredentialsService],
})
export class CredentialsModule {}
