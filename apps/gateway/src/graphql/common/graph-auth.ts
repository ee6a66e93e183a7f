import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  RpcSubject,
  type Principal,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
} from '@portico/contracts';
import {
  BootstrapKey,
  CredentialCache,
  InjectConfig,
  MessagingService,
  presentedKey,
} from '@portico/platform';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { GraphqlConfig } from '../config';
import { GraphClient } from './graph-client';

/**
 * The same credentials as REST: `X-API-Key`, or `Authorization: Bearer` with an API key or one of
 * consumer-management's access tokens, verified over `consumer.credentials.verify` and cached
 * (cleared on any consumer event, so revocations apply at once).
 */
@Injectable()
export class GraphAuth implements OnModuleInit {
  private readonly cache = new CredentialCache();
  private readonly bootstrap: BootstrapKey;

  constructor(
    private readonly client: GraphClient,
    private readonly messaging: MessagingService,
    @InjectConfig() config: GraphqlConfig,
  ) {
    this.bootstrap = new BootstrapKey(config.PORTICO_BOOTSTRAP_ADMIN_KEY);
  }

  onModuleInit(): void {
    this.messaging.onConnected((m) => {
      m.subscribeEvents('consumer.>', () => this.cache.clear());
    });
  }

  /** Null without a credential; a credential that does not verify is a 401 for the whole request. */
  authenticate(req: FastifyRequest): Promise<Principal | null> {
    return this.authenticateKey(presentedKey(req), req.ip);
  }

  /** For graphql-ws: the key comes from the connection parameters or the upgrade request. */
  async authenticateKey(
    key: string | undefined,
    clientIp: string | undefined,
  ): Promise<Principal | null> {
    if (!key) return null;
    if (this.bootstrap.matches(key)) return BootstrapKey.principal();
    const request: VerifyCredentialRequest = {
      type: 'apiKey',
      key,
      ...(clientIp ? { clientIp } : {}),
    };
    const cacheKey = CredentialCache.keyOf(request);
    let reply = this.cache.get(cacheKey);
    if (!reply) {
      reply = await this.client.raw<VerifyCredentialReply>(RpcSubject.credentialsVerify, request);
      this.cache.set(cacheKey, reply);
    }
    if (!reply.valid) {
      throw new GraphQLError('The API key is not valid.', {
        extensions: {
          code: ErrorCode.UNAUTHORIZED,
          http: {
            status: 401,
            headers: new Map([
              ['www-authenticate', 'ApiKey realm="portico", Bearer realm="portico"'],
            ]),
          },
        },
      });
    }
    return reply.principal;
  }
}
