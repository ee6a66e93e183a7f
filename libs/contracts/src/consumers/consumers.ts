import { z } from 'zod';
import { PageQuerySchema } from '../pagination';
import { ConsumerMetadataSchema, DecisionReasonSchema } from './common';

export const ConsumerStatusSchema = z.enum(['pending', 'approved', 'rejected', 'suspended']);
export type ConsumerStatus = z.infer<typeof ConsumerStatusSchema>;
export const ConsumerTypeSchema = z.enum(['developer', 'application']);

export const ConsumerContactSchema = z
  .object({
    company: z.string().max(200),
    phone: z.string().max(50),
    website: z.url().max(2000),
    address: z.string().max(1000),
  })
  .partial();

const ConsumerFields = {
  name: z.string().trim().min(1).max(200),
  type: ConsumerTypeSchema.default('developer'),
  /** The primary contact; unique within the tenant. */
  email: z.email().max(320),
  contact: ConsumerContactSchema.default({}),
  metadata: ConsumerMetadataSchema.default({}),
};

/** Public self-service sign-up: the consumer starts pending unless its plan auto-approves. */
export const ConsumerSignUpSchema = z.object({
  /** The tenant's slug (or id). */
  tenant: z.string().min(1).max(64).default('default'),
  ...ConsumerFields,
  /** A plan of the tenant; default: the tenant's default plan, if any. */
  planId: z.string().max(64).optional(),
});
export type ConsumerSignUp = z.infer<typeof ConsumerSignUpSchema>;

/** Created by an admin or system user: approved at once. By a `user`: pending unless auto-approved. */
export const CreateConsumerSchema = z.object({
  ...ConsumerFields,
  planId: z.string().max(64).optional(),
});
export type CreateConsumer = z.infer<typeof CreateConsumerSchema>;

export const UpdateConsumerSchema = z
  .object({
    name: ConsumerFields.name,
    contact: ConsumerContactSchema,
    metadata: ConsumerMetadataSchema,
    /** Moving a consumer to another plan (admin and system only); null = no plan. */
    planId: z.string().max(64).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateConsumer = z.infer<typeof UpdateConsumerSchema>;

export const ApproveConsumerSchema = z.object({
  /** Put the consumer on this plan while approving it. */
  planId: z.string().max(64).optional(),
});
export const RejectConsumerSchema = z.object({ reason: DecisionReasonSchema });
export const SuspendConsumerSchema = z.object({ reason: DecisionReasonSchema.optional() });

export const ListConsumersQuerySchema = PageQuerySchema.extend({
  status: ConsumerStatusSchema.optional(),
});
export type ListConsumersQuery = z.infer<typeof ListConsumersQuerySchema>;

export interface ConsumerView {
  id: string;
  tenantId: string;
  name: string;
  type: z.infer<typeof ConsumerTypeSchema>;
  email: string;
  contact: z.infer<typeof ConsumerContactSchema>;
  metadata: Record<string, string>;
  status: ConsumerStatus;
  statusReason: string | null;
  planId: string | null;
  ownerUserId: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
