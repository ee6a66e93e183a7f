import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { WebhookDispatcherConfigSchema } from './config';
import { PrismaClient } from './generated/prisma/client';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const webhookDispatcherService: ServiceDefinition<typeof WebhookDispatcherConfigSchema> = {
  name: 'webhook-dispatcher',
  configSchema: WebhookDispatcherConfigSchema,
  module: AppModule,
  database: {
    schema: 'webhooks',
    createClient: (adapter) => new PrismaClient({ adapter }),
  },
  openapi: {
    title: 'Portico Webhook Dispatcher',
    description:
      "Delivers domain events to subscribers' URLs: signed, retried, logged, replayable.",
  },
};
