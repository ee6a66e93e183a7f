import { z } from 'zod';

/** The windows the metrics API answers for; each has its own series step (see the service doc). */
export const AnalyticsTimeRangeSchema = z.enum(['15m', '1h', '24h', '7d', '30d']);
export type AnalyticsTimeRange = z.infer<typeof AnalyticsTimeRangeSchema>;

const optionalId = z.string().min(1).max(200).optional();

/** `GET /api/v1/metrics` query. `service` is an API name, `api` an API id, `consumer` a consumer id. */
export const AnalyticsMetricsQuerySchema = z.object({
  timeRange: AnalyticsTimeRangeSchema.default('1h'),
  service: optionalId.describe('API name (as published in the registry)'),
  api: optionalId.describe('API id'),
  consumer: optionalId.describe('Consumer id'),
});
export type AnalyticsMetricsQuery = z.infer<typeof AnalyticsMetricsQuerySchema>;

export const AnalyticsRequestStatsSchema = z.object({
  total: z.number().int(),
  successful: z.number().int(),
  /** Responses with status 400 or above. */
  failed: z.number().int(),
  /** Milliseconds; 0 without traffic. */
  avgResponseTime: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
});

export const AnalyticsSeriesPointSchema = z.object({
  /** Start of the bucket (ISO-8601). */
  t: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  /** Milliseconds; 0 for an empty bucket. */
  p95: z.number(),
});

/** The metrics report, in the product brief's shape. Rates are fractions (0.1 = 10%). */
export const AnalyticsMetricsReportSchema = z.object({
  requests: AnalyticsRequestStatsSchema,
  errors: z.object({
    rate: z.number(),
    /** `error` is the gateway's error code when it produced the response, else `HTTP <status>`. */
    topErrors: z.array(z.object({ error: z.string(), count: z.number().int() })),
  }),
  usage: z.object({
    endpoints: z.array(z.object({ path: z.string(), calls: z.number().int() })),
    users: z.array(z.object({ userId: z.string(), calls: z.number().int() })),
  }),
  series: z.array(AnalyticsSeriesPointSchema),
});
export type AnalyticsMetricsReport = z.infer<typeof AnalyticsMetricsReportSchema>;

/** `GET /api/v1/analytics/apis/{id}` query. */
export const AnalyticsApiQuerySchema = z.object({
  timeRange: AnalyticsTimeRangeSchema.default('24h'),
});

export const AnalyticsApiRouteSchema = z.object({
  routeId: z.string().nullable(),
  method: z.string(),
  pathTemplate: z.string().nullable(),
  calls: z.number().int(),
  errorRate: z.number(),
  avgResponseTime: z.number(),
  p95: z.number(),
});

/** One API's analytics over the range, with its health over the last hour. */
export const AnalyticsApiReportSchema = AnalyticsMetricsReportSchema.extend({
  apiId: z.string(),
  apiName: z.string().nullable(),
  timeRange: AnalyticsTimeRangeSchema,
  health: z.enum(['HEALTHY', 'WARNING', 'CRITICAL', 'ERROR']),
  versions: z.array(z.object({ version: z.string().nullable(), calls: z.number().int() })),
  routes: z.array(AnalyticsApiRouteSchema),
});
export type AnalyticsApiReport = z.infer<typeof AnalyticsApiReportSchema>;
