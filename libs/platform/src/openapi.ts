import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { registeredDtoSchemas } from './http/zod';

/**
 * The app's OpenAPI document, generated from its controllers. Zod DTOs are described by the JSON
 * Schema zod derives from them (more precise than per-property metadata), replacing the placeholder
 * components Swagger made from the classes.
 */
export function buildOpenApiDocument(
  app: INestApplication,
  info: { title: string; description: string; version: string },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const schemas = (doc.components ??= {}).schemas ?? {};
  for (const [name, schema] of registeredDtoSchemas()) {
    if (!(name in schemas)) continue;
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete json['$schema'];
    schemas[name] = json;
  }
  doc.components.schemas = schemas;
  // Every operation needs an API key unless marked @Public().
  doc.security = [{ apiKey: [] }];
  for (const path of Object.values(doc.paths)) {
    for (const op of Object.values(path) as Array<Record<string, unknown>>) {
      if (op && typeof op === 'object' && op['x-portico-public']) {
        op['security'] = [];
        delete op['x-portico-public'];
      }
    }
  }
  return doc;
}

export function serveOpenApi(app: INestApplication, doc: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, doc, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: doc.info.title,
  });
}
