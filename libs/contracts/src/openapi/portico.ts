import { type JsonObject, type MergeSource, type OpenApiDocument, OpenApiMerger } from './merge';
import { eventCatalogueWebhooks, eventTag } from './webhooks';

/** Per-instance endpoints every app serves; they say nothing about the platform's API. */
export const INSTANCE_PATHS: readonly string[] = ['/health/live', '/health/ready', '/metrics'];

export interface PorticoServiceDoc {
  /** App name (`registry`): the tag of its operations and the prefix of renamed components. */
  name: string;
  document: JsonObject;
}

export interface PorticoOpenApiOptions {
  /** The gateway's public URL: every path of the document is reached through it. */
  serverUrl: string;
  version: string;
  services: readonly PorticoServiceDoc[];
  /** Published API versions, already placed under their public paths (see MergeSource). */
  apis?: readonly MergeSource[];
}

/**
 * One OpenAPI 3.1 document for the whole platform: every service's management API, the published
 * APIs, and the event catalogue as `webhooks`. The gateway's docs hub serves it and the SDK is
 * generated from it, so both describe the same thing.
 */
export function buildPorticoOpenApi(opts: PorticoOpenApiOptions): {
  document: OpenApiDocument;
  collisions: string[];
} {
  const serverUrl = opts.serverUrl.replace(/\/+$/, '');
  const merger = new OpenApiMerger({
    openapi: '3.1.0',
    info: {
      title: 'Portico',
      version: opts.version,
      description:
        "Portico's management APIs, the APIs published through the gateway, and the events " +
        'integrators can subscribe to with webhooks. Authenticate with an API key (X-API-Key) or ' +
        'an OAuth2 access token (client credentials).',
    },
    servers: [{ url: serverUrl, description: 'Portico gateway' }],
    security: [{ apiKey: [] }, { bearer: [] }, { oauth2: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        oauth2: {
          type: 'oauth2',
          description: 'Client credentials of an OAuth client registered for a consumer.',
          flows: { clientCredentials: { tokenUrl: `${serverUrl}/oauth/token`, scopes: {} } },
        },
      },
    },
  });
  for (const service of opts.services) {
    const info = service.document['info'] as { title?: string; description?: string } | undefined;
    merger.add({
      name: service.name,
      document: service.document,
      excludePaths: INSTANCE_PATHS,
      tagDescription: [info?.title, info?.description].filter(Boolean).join(': '),
    });
  }
  for (const api of opts.apis ?? []) merger.add(api);
  const { document, collisions } = merger.build();
  const webhooks = eventCatalogueWebhooks();
  const eventTags = [...new Set(Object.keys(webhooks).map(eventTag))].map((name) => ({
    name,
    description: 'Events delivered to webhook endpoints subscribed to them (CloudEvents 1.0).',
  }));
  return {
    document: { ...document, tags: [...(document.tags ?? []), ...eventTags], webhooks },
    collisions,
  };
}
