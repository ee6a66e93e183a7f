import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { RegistryConfigSchema } from './config';
import { PrismaClient } from './generated/prisma/client';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const registryService: ServiceDefinition<typeof RegistryConfigSchema> = {
  name: 'registry',
  configSchema: RegistryConfigSchema,
  module: AppModule,
  database: {
    schema: 'registry',
    createClient: (adapter) => new PrismaClient({ adapter }),
  },
  openapi: {
    title: 'Portico Registry',
    description:
      'API lifecycle: APIs, versions, routes, upstream targets and policies; publish, deprecate, retire.',
  },
};
