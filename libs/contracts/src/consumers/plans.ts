import { z } from 'zod';
import { ConsumerApiRefSchema } from './common';

const PlanFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
  /** Requests per minute; null = unlimited. */
  rateLimitPerMinute: z.number().int().positive().max(10_000_000).nullable().default(null),
  /** Requests per calendar month (UTC); null = unlimited. */
  quotaPerMonth: z.number().int().positive().max(2_000_000_000).nullable().default(null),
  /** Api ids this plan gives access to; null = every API of the tenant. */
  allowedApis: z.array(ConsumerApiRefSchema).min(1).max(500).nullable().default(null),
  /** Consumers signing up on this plan are approved at once. */
  autoApprove: z.boolean().default(false),
  /** Subscriptions under this plan wait for an admin's approval. */
  subscriptionApproval: z.boolean().default(false),
  /** The plan self-service sign-ups get when they name none (one per tenant). */
  isDefault: z.boolean().default(false),
};

export const CreatePlanSchema = z.object(PlanFields);
export type CreatePlan = z.infer<typeof CreatePlanSchema>;

export const UpdatePlanSchema = z
  .object({
    name: PlanFields.name,
    description: z.string().max(2000),
    rateLimitPerMinute: z.number().int().positive().max(10_000_000).nullable(),
    quotaPerMonth: z.number().int().positive().max(2_000_000_000).nullable(),
    allowedApis: z.array(ConsumerApiRefSchema).min(1).max(500).nullable(),
    autoApprove: z.boolean(),
    subscriptionApproval: z.boolean(),
    isDefault: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdatePlan = z.infer<typeof UpdatePlanSchema>;

export interface PlanView {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  rateLimitPerMinute: number | null;
  quotaPerMonth: number | null;
  allowedApis: string[] | null;
  autoApprove: boolean;
  subscriptionApproval: boolean;
  isDefault: boolean;
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
}
