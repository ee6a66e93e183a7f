import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  RpcSubject,
  type TokenIntrospection,
  TokenIntrospectRequestSchema,
  type VerifyCredentialReply,
  VerifyCredentialRequestSchema,
} from '@portico/contracts';
import { MessagingService, parseWith } from '@portico/platform';
import { TokensService } from '../oauth/tokens.service';
import { CredentialsService } from './credentials.service';

/** The NATS request-reply side: `consumer.credentials.verify` and `consumer.token.introspect`. */
@Injectable()
export class CredentialsRpc implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingService,
    private readonly credentials: CredentialsService,
    private readonly tokens: TokensService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const verify = m.handle<unknown, VerifyCredentialReply>(RpcSubject.credentialsVerify, (req) =>
        this.credentials.verify(parseWith(VerifyCredentialRequestSchema, req, 'verify request')),
      );
      const introspect = m.handle<unknown, TokenIntrospection>(RpcSubject.tokenIntrospect, (req) =>
        this.tokens.introspect(
          parseWith(TokenIntrospectRequestSchema, req, 'introspection request').token,
        ),
      );
      await Promise.all([verify.ready, introspect.ready]);
    });
  }
}
