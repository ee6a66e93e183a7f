import { z } from 'zod';
import { PageQuerySchema } from '../pagination';
import { WEBHOOK_EVENT_TYPE_PATTERN } from './event-types';

export const WebhookDeliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

export const CreateWebhookMessageSchema = z.object({
  eventType: z
    .string()
    .min(1)
    .max(200)
    .regex(
      WEBHOOK_EVENT_TYPE_PATTERN,
      'must be dot-separated segments of letters, digits, _ and -',
    ),
  payload: z.record(z.string(), z.unknown()),
  /** Deduplication id: a second message with the same eventId is the same message. */
  eventId: z.string().min(1).max(256).optional(),
  /** The consumer the message concerns: consumer-scoped endpoints only get their own. */
  consumerId: z.string().min(1).max(100).optional(),
});
export type CreateWebhookMessage = z.infer<typeof CreateWebhookMessageSchema>;

export const WebhookDeliverySchema = z.object({
  endpointId: z.string(),
  status: WebhookDeliveryStatusSchema,
  attemptCount: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookMessageSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  consumerId: z.string().nullable(),
  payload: z.unknown(),
  timestamp: z.string(),
  source: z.enum(['event', 'api']),
  createdAt: z.string(),
  deliveries: z.array(WebhookDeliverySchema).optional(),
});
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;

const dateTime = z.iso.datetime({ offset: true });

export const ListWebhookMessagesQuerySchema = PageQuerySchema.extend({
  eventType: z.string().max(200).optional(),
  endpointId: z.string().max(100).optional(),
  status: WebhookDeliveryStatusSchema.optional(),
  since: dateTime.optional(),
  until: dateTime.optional(),
});
export type ListWebhookMessagesQuery = z.infer<typeof ListWebhookMessagesQuerySchema>;

export const WebhookAttemptSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  endpointId: z.string(),
  url: z.string(),
  status: z.enum(['succeeded', 'failed']),
  responseStatus: z.number().nullable(),
  responseHeaders: z.record(z.string(), z.string()).nullable(),
  /** The first 20 KB of the response body. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  trigger: z.enum(['scheduled', 'manual']),
  timestamp: z.string(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const ListWebhookAttemptsQuerySchema = PageQuerySchema.extend({
  endpointId: z.string().max(100).optional(),
  status: z.enum(['succeeded', 'failed']).optional(),
});
export type ListWebhookAttemptsQuery = z.infer<typeof ListWebhookAttemptsQuerySchema>;

export const ResendWebhookMessageSchema = z.object({ endpointId: z.string().min(1).max(100) });

export const ListWebhookDeadLettersQuerySchema = PageQuerySchema.extend({
  endpointId: z.string().max(100).optional(),
  since: dateTime.optional(),
});
export type ListWebhookDeadLettersQuery = z.infer<typeof ListWebhookDeadLettersQuerySchema>;

/** A message that could not be delivered to an endpoint (every retry failed, or it was disabled). */
export const WebhookDeadLetterSchema = z.object({
  messageId: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  attemptCount: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  failedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDeadLetter = z.infer<typeof WebhookDeadLetterSchema>;

/** The JSON body of every delivery (Standard Webhooks). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: unknown;
}
