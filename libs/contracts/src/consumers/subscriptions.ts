import { z } from 'zod';
import { PageQuerySchema } from '../pagination';
import { ConsumerApiRefSchema, ConsumerApiVersionRefSchema, DecisionReasonSchema } from './common';

export const SubscriptionStatusSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

export const CreateSubscriptionSchema = z.object({
  apiId: ConsumerApiRefSchema,
  apiVersionId: ConsumerApiVersionRefSchema,
  /** Default: the consumer's plan. */
  planId: z.string().max(64).optional(),
});
export type CreateSubscription = z.infer<typeof CreateSubscriptionSchema>;

export const RejectSubscriptionSchema = z.object({ reason: DecisionReasonSchema });

export const ListSubscriptionsQuerySchema = PageQuerySchema.extend({
  status: SubscriptionStatusSchema.optional(),
  consumerId: z.string().max(64).optional(),
  apiId: z.string().max(64).optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof ListSubscriptionsQuerySchema>;

export interface SubscriptionView {
  id: string;
  tenantId: string;
  consumerId: string;
  apiId: string;
  apiVersionId: string;
  planId: string;
  status: SubscriptionStatus;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
