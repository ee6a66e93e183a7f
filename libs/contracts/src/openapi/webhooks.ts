import { eventCatalogueJsonSchema } from '../events/catalogue';
import type { JsonObject } from './merge';

/**
 * The event catalogue as OpenAPI 3.1 `webhooks`: one entry per event type, describing the POST a
 * subscribed endpoint receives (a CloudEvents 1.0 structured JSON body whose `data` is the type's
 * payload). Generated from the catalogue, so the docs can never list an event that does not exist.
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
        requestBody: {
          required: true,
          content: {
            'application/cloudevents+json': { schema: cloudEventSchema(type, data) },
            'application/json': { schema: cloudEventSchema(type, data) },
          },
        },
        responses: {
          '2XX': { description: 'Delivered. Any other answer is retried with backoff.' },
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

function cloudEventSchema(type: string, data: JsonObject): JsonObject {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'tenantid', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'ULID; receivers dedupe on it.' },
      source: { type: 'string', description: 'The emitting service.' },
      type: { const: type },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string', description: 'The id of the entity the event is about.' },
      datacontenttype: { const: 'application/json' },
      tenantid: { type: 'string' },
      revision: { type: 'integer', description: 'Configuration events: the owner revision.' },
      data,
    },
  };
}
