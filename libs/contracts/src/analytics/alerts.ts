import { z } from 'zod';

/**
 * What an alert rule watches, over its window: counts, the error rate as a fraction (0.1 = 10%),
 * average and percentile response times in milliseconds.
 */
export const AlertMetricSchema = z.enum([
  'request_count',
  'error_count',
  'error_rate',
  'avg_latency_ms',
  'p95_latency_ms',
  'p99_latency_ms',
]);
export type AlertMetric = z.infer<typeof AlertMetricSchema>;

export const AlertOperatorSchema = z.enum(['gt', 'gte', 'lt', 'lte']);
export type AlertOperator = z.infer<typeof AlertOperatorSchema>;

/** Narrows a rule to one API, route and/or consumer; empty = the whole tenant. */
export const AlertScopeSchema = z
  .object({
    apiId: z.string().min(1).max(200).optional(),
    routeId: z.string().min(1).max(200).optional(),
    consumerId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type AlertScope = z.infer<typeof AlertScopeSchema>;

export const CreateAlertRuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  metric: AlertMetricSchema,
  operator: AlertOperatorSchema.default('gt'),
  threshold: z.number().finite(),
  /** The rule looks at the last `windowMinutes` minutes (1 to 1440). */
  windowMinutes: z.number().int().min(1).max(1440).default(5),
  scope: AlertScopeSchema.default({}),
  enabled: z.boolean().default(true),
});
export type CreateAlertRule = z.infer<typeof CreateAlertRuleSchema>;

export const UpdateAlertRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    metric: AlertMetricSchema,
    operator: AlertOperatorSchema,
    threshold: z.number().finite(),
    windowMinutes: z.number().int().min(1).max(1440),
    scope: AlertScopeSchema,
    enabled: z.boolean(),
  })
  .partial();
export type UpdateAlertRule = z.infer<typeof UpdateAlertRuleSchema>;

export const AlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: AlertMetricSchema,
  operator: AlertOperatorSchema,
  threshold: z.number(),
  windowMinutes: z.number().int(),
  scope: AlertScopeSchema,
  enabled: z.boolean(),
  /** `firing` between an `analytics.alert.triggered` and the next `analytics.alert.resolved`. */
  state: z.enum(['ok', 'firing']),
  lastValue: z.number().nullable(),
  lastEvaluatedAt: z.string().nullable(),
  stateChangedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
