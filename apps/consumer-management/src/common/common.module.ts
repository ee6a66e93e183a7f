import { Global, Module } from '@nestjs/common';
import { CONFIG, SecretKeyring } from '@portico/platform';
import type { ConsumerManagementConfig } from '../config';
import { LastUsedRecorder } from './last-used.service';
import { Lockout } from './lockout';
import { Outbox } from './outbox.service';
import { Secrets } from './secrets';

/** The brute-force guard shared by API key checks and OAuth client authentication. */
export const CREDENTIAL_LOCKOUT = Symbol.for('consumer-management:lockout');

@Global()
@Module({
  providers: [
    Outbox,
    LastUsedRecorder,
    { provide: Secrets, inject: [SecretKeyring], useFactory: (k: SecretKeyring) => new Secrets(k) },
    {
      provide: CREDENTIAL_LOCKOUT,
      inject: [CONFIG],
      useFactory: (config: ConsumerManagementConfig) =>
        new Lockout({
          threshold: config.AUTH_LOCKOUT_THRESHOLD,
          thresholdFor: (subject) =>
            subject.startsWith('ip:') ? config.AUTH_LOCKOUT_IP_THRESHOLD : undefined,
          windowMs: config.AUTH_LOCKOUT_WINDOW_SECONDS * 1000,
          lockMs: config.AUTH_LOCKOUT_SECONDS * 1000,
          maxLockMs: Math.max(3_600_000, config.AUTH_LOCKOUT_SECONDS * 1000),
        }),
    },
  ],
  exports: [Outbox, LastUsedRecorder, Secrets, CREDENTIAL_LOCKOUT],
})
export class CommonModule {}
