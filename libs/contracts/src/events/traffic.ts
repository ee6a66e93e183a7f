import { z } from 'zod';

/**
 * One gateway request, as published on `portico.traffic.<tenant>` and ingested by analytics.
 * `requestId` is unique per request and is what analytics dedupes on.
 */
export const RequestEventSchema = z.object({
  requestId: z.string().min(1),
  time: z.string(),
  tenantId: z.string(),
  apiId: z.string().nullable(),
  apiName: z.string().nullable(),
  version: z.string().nullable(),
  routeId: z.string().nullable(),
  method: z.string(),
  pathTemplate: z.string().nullable(),
  path: z.string(),
  status: z.number().int(),
  upstreamInstance: z.string().nullable(),
  latencyMs: z.number(),
  upstreamLatencyMs: z.number().nullable(),
  gatewayLatencyMs: z.number(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  consumerId: z.string().nullable(),
  keyId: z.string().nullable(),
  /** The consumer's plan and its monthly quota, as the gateway knew them (analytics' quota alerts). */
  planId: z.string().nullable(),
  quotaPerMonth: z.number().int().nullable(),
  clientIp: z.string().nullable(),
  errorCode: z.string().nullable(),
  cacheStatus: z.enum(['HIT', 'MISS', 'BYPASS']).nullable(),
});
export type RequestEvent = z.infer<typeof RequestEventSchema>;

/** Request events travel in batches: one NATS message carries many. */
export const RequestEventBatchSchema = z.object({ events: z.array(RequestEventSchema) });
export type RequestEventBatch = z.infer<typeof RequestEventBatchSchema>;
