import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import {
  ErrorCode,
  HttpMethodSchema,
  PorticoError,
  RoutePathSchema,
  routePathKey,
  UpstreamSchema,
  VersionNameSchema,
  type ErrorDetail,
  type HttpMethod,
  type Upstream,
} from '@portico/contracts';
import { parse as parseYaml, YAMLParseError } from 'yaml';

/** One operation of the document, as it becomes a route. */
export interface ImportedOperation {
  method: HttpMethod;
  path: string;
  operationId: string | null;
  summary: string | null;
  /** Path-level and operation-level parameters merged (the operation wins), $refs resolved. */
  parameters: unknown[];
}

export interface ImportedDocument {
  /** The document as sent, $refs intact: stored and served back. */
  source: Record<string, unknown>;
  title: string;
  description: string;
  infoVersion: string;
  tags: string[];
  servers: string[];
  /** `x-portico-upstream` at the top level: an Upstream (service or targets). */
  upstream: Upstream | undefined;
  operations: ImportedOperation[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const PARSER_OPTIONS = { resolve: { external: false } };
const MAX_DETAILS = 20;

const invalid = (message: string, details: ErrorDetail[] = []) =>
  new PorticoError(ErrorCode.VALIDATION_ERROR, message, details.slice(0, MAX_DETAILS));

/** The request body (a parsed JSON object, or JSON/YAML text) as a plain object. */
export function readDocument(body: unknown): Record<string, unknown> {
  let doc = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = body.toString();
    if (text.trim() === '') throw invalid('The request body is empty; send an OpenAPI document.');
    try {
      doc = parseYaml(text, { maxAliasCount: 100 });
    } catch (e) {
      const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}` : '';
      throw new PorticoError(
        ErrorCode.MALFORMED_REQUEST,
        `The document is neither valid JSON nor YAML${where}: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid('The document must be an OpenAPI object.');
  }
  return doc as Record<string, unknown>;
}

function externalRefs(node: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => externalRefs(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) out.push(`${at}: ${v}`);
      else externalRefs(v, `${at}/${k}`, out);
    }
  }
  return out;
}

/**
 * Validates an OpenAPI 3.0/3.1 document with a standard validator and extracts what the registry
 * keeps. Only local `$ref`s are followed: a document never makes the registry read a file or URL.
 */
export async function inspectDocument(doc: Record<string, unknown>): Promise<ImportedDocument> {
  const openapi = doc['openapi'];
  if (typeof openapi !== 'string' || !/^3\.[01]\.\d+$/.test(openapi)) {
    const got = typeof doc['swagger'] === 'string' ? `Swagger ${doc['swagger']}` : String(openapi);
    throw invalid(`Unsupported document: OpenAPI 3.0.x or 3.1.x is required (got ${got}).`, [
      { field: 'openapi', message: 'must be 3.0.x or 3.1.x' },
    ]);
  }
  const external = externalRefs(doc, '#', []);
  if (external.length > 0) {
    throw invalid(
      'Unsupported document: external $refs are not followed; bundle the document first.',
      external.map((r) => ({ field: '$ref', message: r })),
    );
  }
  const result = await validate(structuredClone(doc) as unknown as OpenApiInput, PARSER_OPTIONS);
  if (!result.valid) {
    throw invalid(
      `The OpenAPI document is invalid: ${result.errors[0]?.message ?? compileErrors(result)}`,
      result.errors.map((e) => ({ field: 'document', message: e.message })),
    );
  }
  const resolved = (await dereference(
    structuredClone(doc) as unknown as OpenApiInput,
    PARSER_OPTIONS,
  )) as unknown as Doc;
  return {
    source: doc,
    title: resolved.info.title,
    description: resolved.info.description ?? '',
    infoVersion: resolved.info.version,
    tags: (resolved.tags ?? []).map((t) => t.name),
    servers: (resolved.servers ?? []).map((s) => s.url),
    upstream: readUpstreamExtension(resolved['x-portico-upstream']),
    operations: operations(resolved),
  };
}

type OpenApiInput = Parameters<typeof validate>[0];

interface Doc {
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string }>;
  servers?: Array<{ url: string }>;
  paths?: Record<string, Record<string, unknown>>;
  'x-portico-upstream'?: unknown;
}

interface Param {
  name: string;
  in: string;
}

function operations(doc: Doc): ImportedOperation[] {
  const out: ImportedOperation[] = [];
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const checked = RoutePathSchema.safeParse(path);
    if (!checked.success) {
      throw invalid(`Path '${path}' cannot be routed: ${checked.error.issues[0]?.message}.`, [
        { field: `paths.${path}`, message: checked.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    const shared = (item['parameters'] as Param[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as
        { operationId?: string; summary?: string; parameters?: Param[] } | undefined;
      if (!op) continue;
      const key = `${method} ${routePathKey(path)}`;
      const other = seen.get(key);
      if (other !== undefined) {
        throw invalid(
          `Paths '${other}' and '${path}' match the same ${method.toUpperCase()} requests.`,
          [{ field: `paths.${path}`, message: `same route as ${other}` }],
        );
      }
      seen.set(key, path);
      const own = op.parameters ?? [];
      const merged = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      out.push({
        method: HttpMethodSchema.parse(method.toUpperCase()),
        path,
        operationId: op.operationId ?? null,
        summary: op.summary ?? null,
        parameters: merged,
      });
    }
  }
  if (out.length === 0) {
    throw invalid('The document has no operations to route.', [
      { field: 'paths', message: 'needs at least one operation' },
    ]);
  }
  return out;
}

function readUpstreamExtension(value: unknown): Upstream | undefined {
  if (value === undefined) return undefined;
  const parsed = UpstreamSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid('x-portico-upstream is not a valid upstream.', [
    ...parsed.error.issues.map((i) => ({
      field: ['x-portico-upstream', ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  ]);
}

/** `Camera Counting API` → `camera-counting-api`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** `1.4.0` → `v1`; `v2` stays; anything else must already be a valid version name. */
export function versionFromInfo(infoVersion: string): string | undefined {
  const major = /^v?(\d+)(\.\d+){0,2}([-+].*)?$/.exec(infoVersion.trim());
  if (major) return `v${Number(major[1])}`;
  return VersionNameSchema.safeParse(infoVersion).success ? infoVersion : undefined;
}

/** The first server URL's path (`https://h/counting` → `/counting`) and its origin+path as a target. */
export function serverDefaults(servers: string[]): { basePath?: string; targetUrl?: string } {
  const first = servers[0];
  // Server variables ({env}) have no single value to route to: the caller must say.
  if (!first || first.includes('{')) return {};
  let url: URL;
  try {
    url = new URL(first);
  } catch {
    // A relative server URL ('/counting') only gives the base path.
    const path = first.replace(/\/+$/, '');
    return path.startsWith('/') && path.length > 1 ? { basePath: path } : {};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {};
  const path = url.pathname.replace(/\/+$/, '');
  return {
    ...(path.length > 0 ? { basePath: path } : {}),
    targetUrl: `${url.origin}${path}`,
  };
}
