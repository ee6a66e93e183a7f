import { BaseConfigSchema } from '@portico/platform';
import { z } from 'zod';

export const GatewayConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
