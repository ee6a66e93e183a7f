import {
  createCloudEvent,
  DEFAULT_TENANT_ID,
  RpcSubject,
  type Principal,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
} from '@portico/contracts';
import { Messaging, type RequestHandler } from '@portico/messaging';
import { TEST_NATS_NAMESPACE } from './nats-namespace';

/**
 * Answers `consumer.credentials.verify` over real NATS (in this test file's namespace) for a fixed
 * set of keys, the way consumer-management does: a double of that service for suites of other
 * services that need callers in several tenants and roles.
 */
export class CredentialsDouble {
  private constructor(
    private readonly messaging: Messaging,
    private readonly handler: RequestHandler,
    private readonly keys: Map<string, Principal>,
    readonly requests: VerifyCredentialRequest[],
  ) {}

  static async start(
    opts: { namespace?: string; natsUrl?: string } = {},
  ): Promise<CredentialsDouble> {
    const messaging = await Messaging.connect({
      url: opts.natsUrl ?? 'nats://127.0.0.1:4222',
      name: 'credentials-double',
      namespace: opts.namespace ?? TEST_NATS_NAMESPACE,
    });
    const keys = new Map<string, Principal>();
    const requests: VerifyCredentialRequest[] = [];
    const handler = messaging.handle<VerifyCredentialRequest, VerifyCredentialReply>(
      RpcSubject.credentialsVerify,
      async (req) => {
        requests.push(req);
        const principal = req.type === 'apiKey' ? keys.get(req.key) : undefined;
        if (!principal) return { valid: false, reason: 'unknown', cacheTtlSeconds: 0 };
        return {
          valid: true,
          principal,
          plan: null,
          allowedApis: null,
          allowedIps: null,
          subscriptions: [],
          expiresAt: null,
          cacheTtlSeconds: 30,
        };
      },
    );
    await handler.ready;
    return new CredentialsDouble(messaging, handler, keys, requests);
  }

  /** Registers a key for a caller; returns the key. */
  addKey(key: string, principal: Partial<Principal> & Pick<Principal, 'role'>): string {
    this.keys.set(key, {
      tenantId: DEFAULT_TENANT_ID,
      actorId: `usr_${key.slice(-8)}`,
      consumerId: null,
      keyId: `key_${key.slice(-8)}`,
      scopes: [],
      via: 'apiKey',
      ...principal,
    });
    return key;
  }

  removeKey(key: string): void {
    this.keys.delete(key);
  }

  /** Publishes a domain event as consumer-management would (e.g. `consumer.key.revoked`). */
  async publishEvent(type: string, data: unknown, tenantId = DEFAULT_TENANT_ID): Promise<void> {
    await this.messaging.ensureStreams();
    await this.messaging.publishEvent(
      createCloudEvent({ source: 'consumer-management', type, tenantId, data }),
    );
  }

  async stop(): Promise<void> {
    await this.handler.stop();
    await this.messaging.close();
  }
}
