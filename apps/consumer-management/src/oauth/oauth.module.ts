import { Module } from '@nestjs/common';
import { ClientAuthenticator } from './client-authenticator';
import { OAuthClientsController, SigningKeysController } from './oauth-clients.controller';
import { OAuthClientsRepository } from './oauth-clients.repository';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthController, WellKnownController } from './oauth.controller';
import { OAuthExceptionFilter } from './oauth-error';
import { SigningKeys } from './signing-keys.service';
import { TokensService } from './tokens.service';

@Module({
  controllers: [
    OAuthController,
    WellKnownController,
    OAuthClientsController,
    SigningKeysController,
  ],
  providers: [
    OAuthClientsRepository,
    OAuthClientsService,
    ClientAuthenticator,
    SigningKeys,
    TokensService,
    OAuthExceptionFilter,
  ],
  exports: [TokensService],
})
export class OAuthModule {}
