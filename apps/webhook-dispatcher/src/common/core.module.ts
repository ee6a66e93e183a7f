import { Global, Module } from '@nestjs/common';
import { EgressGuard } from '@portico/egress';
import { CONFIG, SecretBox, SecretKeyring } from '@portico/platform';
import type { WebhookDispatcherConfig } from '../config';
import { Clock } from './clock';
import { Outbox } from './outbox';

/** What every feature of the dispatcher shares: time, secrets at rest, the SSRF guard, the outbox. */
@Global()
@Module({
  providers: [
    Clock,
    Outbox,
    {
      // Endpoint signing secrets at rest (AES-256-GCM under their own PORTICO_SECRET_KEY subkey).
      provide: SecretBox,
      useFactory: (keyring: SecretKeyring) => keyring.box('webhooks/endpoint-secrets/v1'),
      inject: [SecretKeyring],
    },
    {
      provide: EgressGuard,
      useFactory: (config: WebhookDispatcherConfig) =>
        EgressGuard.fromConfig(config.PORTICO_EGRESS_ALLOW_SUBNETS, config.WEBHOOK_HTTPS_ONLY),
      inject: [CONFIG],
    },
  ],
  exports: [Clock, Outbox, SecretBox, EgressGuard],
})
export class CoreModule {}
