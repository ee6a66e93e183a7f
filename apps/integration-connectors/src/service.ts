import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { IntegrationConnectorsConfigSchema } from './config';
import { PrismaClient } from './generated/prisma/client';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const integrationConnectorsService: ServiceDefinition<
  typeof IntegrationConnectorsConfigSchema
> = {
  name: 'integration-connectors',
  configSchema: IntegrationConnectorsConfigSchema,
  module: AppModule,
  database: {
    schema: 'connectors',
    createClient: (adapter) => new PrismaClient({ adapter }),
  },
  openapi: {
    title: 'Portico Integration Connectors',
    description: 'Pulls data from third-party APIs into PostgreSQL and calls them on events.',
  },
};
