import { z } from 'zod';

export const TenantStatusSchema = z.enum(['active', 'suspended']);

export const CreateTenantSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Public handle for self-service sign-up: lowercase letters, digits, dashes. */
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes'),
  selfSignup: z.boolean().default(true),
  /** The tenant's first admin; their API key is returned once in the answer. */
  admin: z.object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
  }),
});
export type CreateTenant = z.infer<typeof CreateTenantSchema>;

export const UpdateTenantSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    status: TenantStatusSchema,
    selfSignup: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateTenant = z.infer<typeof UpdateTenantSchema>;

export interface TenantView {
  id: string;
  name: string;
  slug: string;
  status: z.infer<typeof TenantStatusSchema>;
  selfSignup: boolean;
  createdAt: string;
  updatedAt: string;
}
