import { BaseConfigSchema } from '@portico/platform';
import { z } from 'zod';
import { AuthConfigShape } from './auth/config';
import { CacheConfigShape } from './cache/config';
import { DataPlaneConfigShape } from './dataplane/config';
import { DocsConfigShape } from './docs/config';
import { EventsConfigShape } from './events/config';
import { GraphqlConfigShape } from './graphql/config';
import { LimitsConfigShape } from './limits/config';
import { UpstreamsConfigShape } from './upstreams/config';

/** Each feature folder owns its keys (see its config.ts); they are validated together at start. */
export const GatewayConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ...DataPlaneConfigShape,
  ...UpstreamsConfigShape,
  ...AuthConfigShape,
  ...LimitsConfigShape,
  ...CacheConfigShape,
  ...EventsConfigShape,
  ...DocsConfigShape,
  ...GraphqlConfigShape,
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
