import { z } from 'zod';

/**
 * API health as analytics classifies it over the last hour: CRITICAL when the average response
 * time is over 5,000 ms, WARNING over 2,000 ms, ERROR when more than 10% of requests failed,
 * HEALTHY otherwise (checked in that order).
 */
export const ApiHealthStatusSchema = z.enum(['HEALTHY', 'WARNING', 'CRITICAL', 'ERROR']);
export type ApiHealthStatus = z.infer<typeof ApiHealthStatusSchema>;

export const ApiHealthRequestSchema = z.object({
  /** Omit for every tenant (the gateway's status page is operator-facing). */
  tenantId: z.string().optional(),
  apiId: z.string().optional(),
});
export type ApiHealthRequest = z.infer<typeof ApiHealthRequestSchema>;

export const ApiHealthEntrySchema = z.object({
  tenantId: z.string(),
  apiId: z.string(),
  apiName: z.string().nullable(),
  status: ApiHealthStatusSchema,
  requests: z.number().int(),
  errorRate: z.number(),
  avgResponseTimeMs: z.number(),
  routes: z.array(
    z.object({
      routeId: z.string().nullable(),
      pathTemplate: z.string().nullable(),
      method: z.string(),
      status: ApiHealthStatusSchema,
      requests: z.number().int(),
      errorRate: z.number(),
      avgResponseTimeMs: z.number(),
    }),
  ),
});
export const ApiHealthReportSchema = z.object({
  windowStart: z.string(),
  windowEnd: z.string(),
  apis: z.array(ApiHealthEntrySchema),
});
export type ApiHealthReport = z.infer<typeof ApiHealthReportSchema>;
