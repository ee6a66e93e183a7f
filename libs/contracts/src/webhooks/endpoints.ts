import { z } from 'zod';
import { WEBHOOK_EVENT_FILTER_PATTERN } from './event-types';

/** `whsec_` + base64 of 24 to 64 random bytes (Standard Webhooks symmetric secret). */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export const WebhookSecretSchema = z
  .string()
  .regex(WEBHOOK_SECRET_PATTERN, 'must be whsec_ followed by base64')
  .refine(
    (s) => {
      const b64 = s.slice('whsec_'.length);
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return false;
      const bytes = (b64.length / 4) * 3 - (b64.match(/=+$/)?.[0].length ?? 0);
      return bytes >= 24 && bytes <= 64;
    },
    { message: 'must encode 24 to 64 bytes' },
  );

/** Headers Portico sets itself; an endpoint's custom headers cannot override them. */
export const WEBHOOK_RESERVED_HEADERS = [
  'host',
  'content-type',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-authorization',
  'user-agent',
] as const;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

function headerNameProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (!HEADER_NAME.test(name)) return 'must be an HTTP header name';
  if (lower.startsWith('webhook-')) return 'webhook-* headers are set by Portico';
  if ((WEBHOOK_RESERVED_HEADERS as readonly string[]).includes(lower)) return 'is set by Portico';
  return null;
}

export const WebhookHeadersSchema = z
  .record(
    z.string(),
    z
      .string()
      .max(1000)
      .regex(/^[^\r\n]*$/, 'must be one line'),
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > 20) ctx.addIssue({ code: 'custom', message: 'at most 20 headers' });
    for (const name of names) {
      const problem = headerNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * `{ "<dotted path in data>": value | [values] }`: a message is sent only when the value at every
 * path equals the given value (or one of the given values).
 */
export const WebhookPayloadFilterSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be a dotted path'),
    z.union([scalar, z.array(scalar).min(1).max(50)]),
  )
  .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 20, {
    message: 'needs 1 to 20 paths',
  });
export type WebhookPayloadFilter = z.infer<typeof WebhookPayloadFilterSchema>;

export const WebhookEventFilterSchema = z
  .string()
  .max(200)
  .regex(WEBHOOK_EVENT_FILTER_PATTERN, 'must be an event type, optionally with * segments');

export const WebhookHttpMethodSchema = z.enum(['POST', 'PUT', 'PATCH']);

const endpointFields = {
  url: z.string().url().max(2048),
  description: z.string().max(500),
  /** Only this consumer's messages; set automatically for callers with the consumer role. */
  consumerId: z.string().min(1).max(100).nullable(),
  eventTypes: z.array(WebhookEventFilterSchema).max(100),
  payloadFilter: WebhookPayloadFilterSchema.nullable(),
  httpMethod: WebhookHttpMethodSchema,
  headers: WebhookHeadersSchema,
  isActive: z.boolean(),
  rateLimitPerSecond: z.number().int().min(1).max(10_000).nullable(),
  timeoutSeconds: z.number().int().min(1).max(60),
  retryCount: z.number().int().min(0).max(30),
  /** Seconds between attempts: entry n is the wait before retry n+1. */
  retrySchedule: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400),
    )
    .min(1)
    .max(30)
    .nullable(),
};

export const CreateWebhookEndpointSchema = z.object({
  url: endpointFields.url,
  description: endpointFields.description.default(''),
  consumerId: endpointFields.consumerId.optional(),
  eventTypes: endpointFields.eventTypes.default([]),
  payloadFilter: endpointFields.payloadFilter.optional(),
  httpMethod: endpointFields.httpMethod.default('POST'),
  headers: endpointFields.headers.default({}),
  isActive: endpointFields.isActive.default(true),
  rateLimitPerSecond: endpointFields.rateLimitPerSecond.optional(),
  timeoutSeconds: endpointFields.timeoutSeconds.default(15),
  retryCount: endpointFields.retryCount.optional(),
  retrySchedule: endpointFields.retrySchedule.optional(),
  /** Generated when absent. */
  secret: WebhookSecretSchema.optional(),
});
export type CreateWebhookEndpoint = z.infer<typeof CreateWebhookEndpointSchema>;

/** Fields not sent are kept. Setting isActive to true re-enables a disabled endpoint. */
export const UpdateWebhookEndpointSchema = z.object({
  url: endpointFields.url.optional(),
  description: endpointFields.description.optional(),
  eventTypes: endpointFields.eventTypes.optional(),
  payloadFilter: endpointFields.payloadFilter.optional(),
  httpMethod: endpointFields.httpMethod.optional(),
  headers: endpointFields.headers.optional(),
  isActive: endpointFields.isActive.optional(),
  rateLimitPerSecond: endpointFields.rateLimitPerSecond.optional(),
  timeoutSeconds: endpointFields.timeoutSeconds.optional(),
  retryCount: endpointFields.retryCount.optional(),
  retrySchedule: endpointFields.retrySchedule.optional(),
});
export type UpdateWebhookEndpoint = z.infer<typeof UpdateWebhookEndpointSchema>;

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  consumerId: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  payloadFilter: WebhookPayloadFilterSchema.nullable(),
  httpMethod: WebhookHttpMethodSchema,
  headers: z.record(z.string(), z.string()),
  isActive: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  rateLimitPerSecond: z.number().nullable(),
  timeoutSeconds: z.number(),
  retryCount: z.number(),
  retrySchedule: z.array(z.number()).nullable(),
  failingSince: z.string().nullable(),
  previousSecretUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Only in the answer to a create. */
  secret: z.string().optional(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const RotateWebhookSecretSchema = z.object({
  /** Generated when absent. */
  secret: WebhookSecretSchema.optional(),
  /** How long the old secret keeps signing too (both signatures are sent); default 24 h. */
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
});
export type RotateWebhookSecret = z.infer<typeof RotateWebhookSecretSchema>;

export const WebhookSecretInfoSchema = z.object({
  secret: z.string(),
  previousSecretUntil: z.string().nullable(),
});

export const RecoverWebhookEndpointSchema = z.object({
  since: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type RecoverWebhookEndpoint = z.infer<typeof RecoverWebhookEndpointSchema>;

export const WebhookRecoverResultSchema = z.object({
  recovered: z.number(),
  /** More failed messages are left after the cap; call again from the last one's time. */
  more: z.boolean(),
});
