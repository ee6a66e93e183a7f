import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { ConsumerManagementConfigSchema } from './config';
import { CredentialsService } from './credentials/credentials.service';
import { PrismaClient } from './generated/prisma/client';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const consumerManagementService: ServiceDefinition<typeof ConsumerManagementConfigSchema> = {
  name: 'consumer-management',
  configSchema: ConsumerManagementConfigSchema,
  module: AppModule,
  database: {
    schema: 'consumers',
    createClient: (adapter) => new PrismaClient({ adapter }),
  },
  // This service is the credential authority: its own REST guard asks it directly, not over NATS.
  credentialVerifier: CredentialsService,
  openapi: {
    title: 'Portico Consumer Management',
    description:
      'Consumers and their apps, onboarding with approval, API keys, OAuth2 clients and tokens, plans, quotas and tenants.',
  },
};
