import { EVENT_TYPES } from '../events/catalogue';
import { OpenApiMerger, eventCatalogueWebhooks, joinPaths, upgradeSchemas30 } from './index';

const base = {
  openapi: '3.1.0',
  info: { title: 'hub', version: '1' },
};

function doc(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

describe('OpenApiMerger', () => {
  it('renames a colliding component with the source prefix and rewrites only that source refs', () => {
    const a = doc(
      {
        '/a': {
          get: { operationId: 'list', responses: { 200: { $ref: '#/components/schemas/Item' } } },
        },
      },
      { Item: { type: 'string' }, Shared: { type: 'integer' } },
    );
    const b = doc(
      {
        '/b': {
          get: {
            operationId: 'list',
            responses: {
              200: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
              },
            },
          },
        },
      },
      { Item: { type: 'number' }, Shared: { type: 'integer' } },
    );
    const { document, collisions } = new OpenApiMerger(base)
      .add({ name: 'alpha', document: a })
      .add({ name: 'beta-svc', document: b })
      .build();
    const schemas = document.components!['schemas']!;
    expect(schemas['Item']).toEqual({ type: 'string' });
    expect(schemas['BetaSvcItem']).toEqual({ type: 'number' });
    // Identical definitions are shared, not duplicated.
    expect(Object.keys(schemas).sort()).toEqual(['BetaSvcItem', 'Item', 'Shared']);
    const bOp = document.paths!['/b']!['get'] as any;
    expect(bOp.responses[200].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/BetaSvcItem',
    );
    expect((document.paths!['/a']!['get'] as any).responses[200].$ref).toBe(
      '#/components/schemas/Item',
    );
    // Operation ids stay unique; every operation is tagged with its source.
    expect(bOp.operationId).toBe('BetaSvc_list');
    expect(bOp.tags).toEqual(['beta-svc']);
    expect(document.tags!.map((t) => t.name)).toEqual(['alpha', 'beta-svc']);
    expect(collisions).toEqual(['components.schemas.Item of beta-svc renamed BetaSvcItem']);
  });

  it('merges disjoint methods of one path and moves a clashing operation under the source name', () => {
    const a = doc({ '/x': { get: { responses: {} } } });
    const b = doc({ '/x': { post: { responses: {} } } });
    const c = doc({ '/x': { get: { responses: {} } } });
    const { document } = new OpenApiMerger(base)
      .add({ name: 'a', document: a })
      .add({ name: 'b', document: b })
      .add({ name: 'c', document: c })
      .build();
    expect(Object.keys(document.paths!['/x']!).sort()).toEqual(['get', 'post']);
    expect(document.paths!['/c/x']!['get']).toBeDefined();
  });

  it('prefixes paths, leaves excluded ones out and marks deprecated sources', () => {
    const a = doc({ '/': { get: { responses: {} } }, '/metrics': { get: { responses: {} } } });
    const { document } = new OpenApiMerger(base)
      .add({
        name: 'a',
        document: a,
        pathPrefix: '/v1/counting',
        excludePaths: ['/metrics'],
        deprecated: true,
      })
      .build();
    expect(Object.keys(document.paths!)).toEqual(['/v1/counting']);
    expect((document.paths!['/v1/counting']!['get'] as any).deprecated).toBe(true);
  });
});

describe('openapi helpers', () => {
  it('joins paths without doubled or trailing slashes', () => {
    expect(joinPaths('/v1', '/counting', '/')).toBe('/v1/counting');
    expect(joinPaths('/v1', '/', '/cameras/{id}')).toBe('/v1/cameras/{id}');
    expect(joinPaths('', '/')).toBe('/');
  });

  it('upgrades OpenAPI 3.0 schema spellings to 3.1', () => {
    expect(
      upgradeSchemas30({ type: 'integer', nullable: true, minimum: 0, exclusiveMinimum: true }),
    ).toEqual({ type: ['integer', 'null'], exclusiveMinimum: 0 });
  });

  it('lists every catalogue event as a webhook with its data schema', () => {
    const hooks = eventCatalogueWebhooks();
    expect(Object.keys(hooks).sort()).toEqual([...EVENT_TYPES].sort());
    const body = (hooks['registry.version.published']!['post'] as any).requestBody.content[
      'application/json'
    ].schema;
    expect(body.properties.type).toEqual({ const: 'registry.version.published' });
    expect(body.properties.data.required).toEqual(
      expect.arrayContaining(['apiId', 'versionId', 'basePath']),
    );
  });
});
