import { z } from 'zod';

/** `YYYY-MM`: billing periods are calendar months in UTC. */
export const BillingPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/** `GET /api/v1/analytics/usage` query. */
export const AnalyticsUsageQuerySchema = z.object({
  /** Default: the current month. */
  period: BillingPeriodSchema.optional(),
  consumer: z.string().min(1).max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AnalyticsUsageQuery = z.infer<typeof AnalyticsUsageQuerySchema>;

/** One consumer's usage in one billing period (exact counts, for invoicing). */
export const AnalyticsUsageRowSchema = z.object({
  consumerId: z.string(),
  period: z.string(),
  requests: z.number().int(),
  successful: z.number().int(),
  failed: z.number().int(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  /** The plan and monthly quota the gateway reported with the consumer's latest request. */
  planId: z.string().nullable(),
  quotaPerMonth: z.number().int().nullable(),
  /** requests / quotaPerMonth, null without a quota. */
  quotaUsed: z.number().nullable(),
});
export type AnalyticsUsageRow = z.infer<typeof AnalyticsUsageRowSchema>;
