import {
  createCloudEvent,
  RpcSubject,
  type TokenIntrospection,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
} from '@portico/contracts';
import { Messaging, type RequestHandler } from '@portico/messaging';
import { TEST_NATS_NAMESPACE } from '@portico/testing';

/**
 * Consumer-management's NATS side for the gateway's auth tests, on real NATS in this file's
 * namespace: answers `consumer.credentials.verify` (API keys and OAuth clients) and
 * `consumer.token.introspect` from maps the test controls, counts the questions, and publishes
 * `consumer.*` events. (CredentialsDouble in @portico/testing answers fixed replies only.)
 */
export class ConsumerDouble {
  readonly keys = new Map<string, VerifyCredentialReply>();
  readonly clients = new Map<string, VerifyCredentialReply>();
  readonly tokens = new Map<string, TokenIntrospection>();
  readonly verifyRequests: VerifyCredentialRequest[] = [];
  readonly introspections: string[] = [];
  /** Delays answers (to observe single flight). */
  delayMs = 0;

  private constructor(
    private readonly messaging: Messaging,
    private readonly handlers: RequestHandler[],
  ) {}

  static async start(): Promise<ConsumerDouble> {
    const messaging = await Messaging.connect({
      url: 'nats://127.0.0.1:4222',
      name: 'consumer-double',
      namespace: TEST_NATS_NAMESPACE,
    });
    await messaging.ensureStreams();
    const double: ConsumerDouble = new ConsumerDouble(messaging, []);
    const verify = messaging.handle<VerifyCredentialRequest, VerifyCredentialReply>(
      RpcSubject.credentialsVerify,
      async (req) => {
        double.verifyRequests.push(req);
        if (double.delayMs > 0) await new Promise((r) => setTimeout(r, double.delayMs));
        const found =
          req.type === 'apiKey' ? double.keys.get(req.key) : double.clients.get(req.clientId);
        return found ?? { valid: false, reason: 'unknown', cacheTtlSeconds: 60 };
      },
    );
    const introspect = messaging.handle<{ token: string }, TokenIntrospection>(
      RpcSubject.tokenIntrospect,
      async (req) => {
        double.introspections.push(req.token);
        return double.tokens.get(req.token) ?? { active: false };
      },
    );
    await Promise.all([verify.ready, introspect.ready]);
    double.handlers.push(verify, introspect);
    return double;
  }

  async publish(type: string, data: unknown, tenantId = 'ten_a'): Promise<void> {
    await this.messaging.publishEvent(
      createCloudEvent({ source: 'consumer-management', type, tenantId, data }),
    );
  }

  async stop(): Promise<void> {
    for (const h of this.handlers) await h.stop();
    await this.messaging.close();
  }
}
