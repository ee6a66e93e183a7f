import { eventCatalogueJsonSchema } from '../events/catalogue';
import type { JsonObject } from './merge';

/**
 * The event catalogue as OpenAPI 3.1 `webhooks`: one entry per event type, describing the POST a
 * subscribed endpoint receives from the webhook dispatcher (Standard Webhooks: a JSON body
 * `{ type, timestamp, data }` whose `data` is the type's payload, signed in the `webhook-*`
 * headers). Generated from the catalogue, so the docs can never list an event that does not exist.
 */
export function eventCatalogueWebhooks(): Record<string, JsonObject> {
  const webhooks: Record<string, JsonObject> = {};
  for (const { type, description, schema } of eventCatalogueJsonSchema()) {
    const data = { ...schema };
    delete data['$schema'];
    webhooks[type] = {
      post: {
        operationId: `event_${type.replace(/[^a-zA-Z0-9]+/g, '_')}`,
        summary: type,
        description,
        tags: [eventTag(type)],
        parameters: SIGNATURE_HEADERS,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: deliverySchema(type, data) } },
        },
        responses: {
          '2XX': { description: 'Delivered.' },
          '410': { description: 'Gone: the endpoint is disabled and receives nothing more.' },
          default: { description: 'Any other answer (or none in time) is retried with backoff.' },
        },
      },
    };
  }
  return webhooks;
}

/** `registry.version.published` → `events: registry`. */
export function eventTag(type: string): string {
  return `events: ${type.split('.')[0]}`;
}

const header = (name: string, description: string): JsonObject => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
});

const SIGNATURE_HEADERS: JsonObject[] = [
  header(
    'webhook-id',
    'The message id (ULID); the same on every retry, so receivers dedupe on it.',
  ),
  header('webhook-timestamp', 'Seconds since the epoch when this attempt was signed.'),
  header(
    'webhook-signature',
    'Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret.',
  ),
];

function deliverySchema(type: string, data: JsonObject): JsonObject {
  return {
    type: 'object',
    required: ['type', 'timestamp', 'data'],
    properties: {
      type: { const: type },
      timestamp: {
        type: 'string',
        format: 'date-time',
        description: 'When the event occurred.',
      },
      data,
    },
  };
}
