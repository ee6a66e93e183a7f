import { startTestApp, waitFor, type TestApp } from '@portico/testing';
import type { GatewayConfig } from '../../src/config';
import {
  AUTHENTICATOR,
  type AuthResult,
  type Authenticator,
  type GatewayRequest,
} from '../../src/pipeline/contracts';
import { gatewayService } from '../../src/service';
import type { ConsumerDouble } from './consumer-double';
import { request, route, verified } from './requests';

export interface AuthRig {
  app: TestApp<GatewayConfig>;
  auth: Authenticator;
  /** authenticate() awaited, for tests that do not care whether it was synchronous. */
  run(req: GatewayRequest): Promise<AuthResult>;
  close(): Promise<void>;
}

/** A gateway started as production starts it; the tests drive its AUTHENTICATOR directly. */
export async function startAuthRig(
  double: ConsumerDouble,
  env: Record<string, string> = {},
): Promise<AuthRig> {
  const app = await startTestApp(gatewayService, env);
  await app.waitUntilReady();
  const auth = app.service.app.get<Authenticator>(AUTHENTICATOR);
  await eventsLive(auth, double);
  return {
    app,
    auth,
    run: async (req) => auth.authenticate(req),
    close: () => app.close(),
  };
}

/**
 * The gateway subscribes to `consumer.*` once NATS is up; events published before that are not
 * for it. Publishes an invalidation for a probe key until the gateway asks again.
 */
async function eventsLive(auth: Authenticator, double: ConsumerDouble): Promise<void> {
  const probe = 'probe-key-for-event-subscription';
  double.keys.set(probe, verified({ keyId: 'key_probe', consumerId: 'con_probe' }));
  const req = () =>
    request(
      route({
        auth: { type: 'apiKey', scopes: [], allowQueryKey: false, requireSubscription: false },
      }),
      { headers: { 'x-api-key': probe } },
    );
  const asked = () =>
    double.verifyRequests.filter((r) => r.type === 'apiKey' && r.key === probe).length;
  await auth.authenticate(req());
  await waitFor(
    async () => {
      const before = asked();
      await double.publish('consumer.key.revoked', {
        keyId: 'key_probe',
        consumerId: 'con_probe',
        prefix: 'pk',
      });
      await new Promise((r) => setTimeout(r, 50));
      await auth.authenticate(req());
      return asked() > before;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: 'the gateway to receive consumer events' },
  );
}
