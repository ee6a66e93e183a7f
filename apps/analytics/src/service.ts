import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { AnalyticsConfigSchema } from './config';
import { PrismaClient } from './generated/prisma/client';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const analyticsService: ServiceDefinition<typeof AnalyticsConfigSchema> = {
  name: 'analytics',
  configSchema: AnalyticsConfigSchema,
  module: AppModule.register(),
  database: {
    schema: 'analytics',
    createClient: (adapter) => new PrismaClient({ adapter }),
  },
  openapi: {
    title: 'Portico Analytics',
    description:
      'Ingests every gateway request event; serves usage, latency, error metrics and billing usage.',
  },
};
