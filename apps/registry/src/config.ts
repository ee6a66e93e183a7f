import { BaseConfigSchema, DatabaseConfigSchema } from '@portico/platform';
import { z } from 'zod';

export const RegistryConfigSchema = BaseConfigSchema.merge(DatabaseConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
});
export type RegistryConfig = z.infer<typeof RegistryConfigSchema>;
