import { PorticoError } from '@portico/contracts';
import {
  inspectDocument,
  readDocument,
  serverDefaults,
  slugify,
  versionFromInfo,
  type ImportedDocument,
} from './openapi-document';
import { diffRoutes, planImport } from './usecases/import-openapi.usecase';

const doc = (extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 'T', version: '1.0.0' },
  paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } },
  ...extra,
});

const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

describe('OpenAPI document reading', () => {
  it('derives names, versions and base paths', () => {
    expect(slugify('Camera Counting API')).toBe('camera-counting-api');
    expect(slugify('  Café Ünïcode & co — v2 ')).toBe('cafe-unicode-co-v2');
    expect(versionFromInfo('1.4.0')).toBe('v1');
    expect(versionFromInfo('v3')).toBe('v3');
    expect(versionFromInfo('2.0.0-beta.1')).toBe('v2');
    expect(versionFromInfo('latest')).toBeUndefined();
    expect(serverDefaults(['https://h.example/counting/'])).toEqual({
      basePath: '/counting',
      targetUrl: 'https://h.example/counting',
    });
    expect(serverDefaults(['https://h.example'])).toEqual({ targetUrl: 'https://h.example' });
    expect(serverDefaults(['/relative'])).toEqual({ basePath: '/relative' });
    expect(serverDefaults(['https://{env}.example.com/x'])).toEqual({});
    expect(serverDefaults([])).toEqual({});
  });

  it('reads JSON or YAML text and refuses what is not an object', () => {
    expect(readDocument('{"openapi":"3.1.0"}')).toEqual({ openapi: '3.1.0' });
    expect(readDocument('openapi: 3.1.0\n')).toEqual({ openapi: '3.1.0' });
    expect(() => readDocument('')).toThrow(PorticoError);
    expect(() => readDocument('- a\n- b\n')).toThrow('must be an OpenAPI object');
    expect(() => readDocument('a: [1\n')).toThrow(/neither valid JSON nor YAML/);
  });

  it('refuses operations that collide after parameter names are erased', async () => {
    const d = doc({
      paths: {
        '/a/{x}': {
          get: { parameters: [param('x')], responses: { '200': { description: 'ok' } } },
        },
        '/a/{y}': {
          get: { parameters: [param('y')], responses: { '200': { description: 'ok' } } },
        },
      },
    });
    await expect(inspectDocument(d)).rejects.toThrow(/match the same GET requests/);
  });

  it('refuses a document without operations and a bad x-portico-upstream', async () => {
    await expect(inspectDocument(doc({ paths: {} }))).rejects.toThrow(/no operations/);
    await expect(inspectDocument(doc({ 'x-portico-upstream': { service: '' } }))).rejects.toThrow(
      /x-portico-upstream/,
    );
  });
});

describe('import planning', () => {
  const imported: ImportedDocument = {
    source: {},
    title: 'Camera Counting API',
    description: '',
    infoVersion: '1.4.0',
    tags: ['Cameras', 'counting results'],
    servers: ['https://c.example/counting'],
    upstream: undefined,
    operations: [],
  };

  it('prefers query parameters, then the document, then servers[0]', () => {
    expect(planImport(imported, {})).toEqual({
      name: 'camera-counting-api',
      version: 'v1',
      basePath: '/counting',
      upstream: {
        targets: [{ url: 'https://c.example/counting', weight: 100 }],
        loadBalancing: 'round-robin',
      },
      tags: ['cameras', 'counting-results'],
    });
    const q = planImport(imported, { name: 'cams', version: 'v7', upstreamService: 'svc' });
    expect(q).toMatchObject({ name: 'cams', version: 'v7', upstream: { service: 'svc' } });
    const ext = planImport(
      { ...imported, upstream: { service: 'ext', loadBalancing: 'weighted' } },
      {},
    );
    expect(ext.upstream).toEqual({ service: 'ext', loadBalancing: 'weighted' });
  });

  it('names the missing piece when it cannot be derived', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as PorticoError).details[0]?.field;
      }
      return undefined;
    };
    expect(field(() => planImport({ ...imported, title: '!!!' }, {}))).toBe('name');
    expect(field(() => planImport({ ...imported, infoVersion: 'latest' }, {}))).toBe('version');
    expect(field(() => planImport({ ...imported, servers: [] }, {}))).toBe('basePath');
    expect(field(() => planImport({ ...imported, servers: ['/x'] }, {}))).toBe('upstream');
  });

  it('matches routes on method and path with parameter names erased', () => {
    const route = (id: string, method: string, path: string) =>
      ({ id, method, path, pathKey: path.replace(/\{[^}]+\}/g, '{}') }) as never;
    const op = (method: 'GET' | 'POST', path: string) => ({
      method,
      path,
      operationId: null,
      summary: null,
      parameters: [],
    });
    const diff = diffRoutes(
      [route('r1', 'GET', '/a/{id}'), route('r2', 'POST', '/a'), route('r3', 'GET', '/gone')],
      [op('GET', '/a/{aId}'), op('POST', '/a'), op('GET', '/new')],
    );
    expect(diff.updated.map((u) => u.route.id)).toEqual(['r1', 'r2']);
    expect(diff.added.map((a) => a.path)).toEqual(['/new']);
    expect(diff.removed.map((r) => r.id)).toEqual(['r3']);
  });
});
