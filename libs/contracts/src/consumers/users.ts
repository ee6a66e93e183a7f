import { z } from 'zod';

/** Roles of people and robots managing a tenant (consumers have their own role, `consumer`). */
export const UserRoleSchema = z.enum(['admin', 'user', 'system', 'auditor']);
export type UserRole = z.infer<typeof UserRoleSchema>;

export const CreateUserSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: UserRoleSchema,
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: UserRoleSchema,
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export interface UserView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: UserRole;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
}
