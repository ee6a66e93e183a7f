import type { ServiceDefinition } from '@portico/platform';
import { AppModule } from './app.module';
import { GatewayConfigSchema } from './config';

/** How this app is built: used by main.ts and by the tests, so both run the same thing. */
export const gatewayService: ServiceDefinition<typeof GatewayConfigSchema> = {
  name: 'gateway',
  configSchema: GatewayConfigSchema,
  module: AppModule,
  openapi: {
    title: 'Portico Gateway',
    description:
      'The edge: routes REST traffic to upstream services, authenticates, rate-limits, caches and reports every request.',
  },
};
