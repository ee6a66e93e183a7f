import { Global, Module } from '@nestjs/common';
import { AUTHENTICATOR } from '../pipeline/contracts';
import { ConsumerCredentials } from './consumer-credentials';
import { GatewayAuthenticator } from './gateway-authenticator';
import { JwtVerifier } from './jwt-verifier';

/** The auth stage (IP filter, authentication, authorisation), bound to AUTHENTICATOR. */
@Global()
@Module({
  providers: [
    ConsumerCredentials,
    JwtVerifier,
    GatewayAuthenticator,
    { provide: AUTHENTICATOR, useExisting: GatewayAuthenticator },
  ],
  exports: [AUTHENTICATOR],
})
export class AuthModule {}
