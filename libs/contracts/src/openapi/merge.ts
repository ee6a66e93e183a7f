/**
 * Merging several OpenAPI documents into one (the gateway's docs hub and the SDK generator share
 * this): paths keep their place unless two sources claim the same operation, component names that
 * collide with a different definition are renamed with the source's prefix (and every `$ref` of
 * that source rewritten), and each source's operations are tagged with the source's tag.
 */

export type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject & { title: string; version: string };
  paths?: Record<string, JsonObject>;
  components?: Record<string, Record<string, unknown>>;
  tags?: Array<{ name: string; description?: string }>;
}

export interface MergeSource {
  /** Short name (service or API name); the prefix of renamed components and operation ids. */
  name: string;
  document: JsonObject;
  /** The tag every operation of this source gets (default: `name`). */
  tag?: string;
  tagDescription?: string;
  /** Prepended to every path of the source (e.g. `/v1/counting` for a published API). */
  pathPrefix?: string;
  /** Paths left out (per-instance endpoints such as `/health/live`, `/metrics`). */
  excludePaths?: readonly string[];
  /** Marks every operation deprecated (a deprecated API version). */
  deprecated?: boolean;
}

export interface MergeResult {
  document: OpenApiDocument;
  /** What had to be renamed or moved, for logs and tests. */
  collisions: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const COMPONENT_KINDS = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
] as const;

/** Joins path segments without doubled or trailing slashes (`/v1` + `/counting` + `/` = `/v1/counting`). */
export function joinPaths(...parts: string[]): string {
  const joined = parts
    .join('/')
    .replace(/\/{2,}/g, '/')
    .replace(/\/$/, '');
  return joined.startsWith('/') ? joined || '/' : `/${joined}`;
}

/** `registry` → `Registry`, `camera-counting_v1` → `CameraCountingV1`: a component-name prefix. */
export function pascalPrefix(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Stable structural equality (key order ignored), for "same component twice". */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

const decodePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const encodePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Deep copy with every local component `$ref` passed through `rename`. */
function rewriteRefs(v: unknown, rename: (kind: string, name: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => rewriteRefs(x, rename));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$ref' && typeof x === 'string') {
      const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(x);
      out[k] = m ? `#/components/${m[1]}/${encodePointer(rename(m[1]!, decodePointer(m[2]!)))}` : x;
    } else {
      out[k] = rewriteRefs(x, rename);
    }
  }
  return out;
}

/**
 * JSON Schema of OpenAPI 3.0 (`nullable`, boolean `exclusiveMinimum`) in its 3.1 spelling, so that
 * published APIs documented in 3.0 merge into a valid 3.1 document.
 */
export function upgradeSchemas30(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(upgradeSchemas30);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = upgradeSchemas30(x);
  if (out['nullable'] === true) {
    delete out['nullable'];
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) {
      out['enum'] = [...out['enum'], null];
    }
  } else if (out['nullable'] === false) {
    delete out['nullable'];
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
  }
  return out;
}

export class OpenApiMerger {
  private readonly paths: Record<string, JsonObject> = {};
  private readonly components: Record<string, Record<string, unknown>> = {};
  private readonly tags: Array<{ name: string; description?: string }> = [];
  private readonly operationIds = new Set<string>();
  readonly collisions: string[] = [];

  constructor(private readonly base: OpenApiDocument) {
    for (const [kind, entries] of Object.entries(base.components ?? {})) {
      this.components[kind] = { ...entries };
    }
  }

  add(source: MergeSource): this {
    const doc = source.document;
    const tag = source.tag ?? source.name;
    const prefix = pascalPrefix(source.name);
    const renames = this.planRenames(source.name, prefix, doc['components']);
    const rename = (kind: string, name: string) => renames.get(`${kind}/${name}`) ?? name;
    const rewritten = rewriteRefs(
      { paths: doc['paths'] ?? {}, components: doc['components'] ?? {} },
      rename,
    ) as { paths: Record<string, JsonObject>; components: Record<string, JsonObject> };

    for (const kind of COMPONENT_KINDS) {
      for (const [name, def] of Object.entries(rewritten.components[kind] ?? {})) {
        const target = (this.components[kind] ??= {});
        target[rename(kind, name)] ??= def;
      }
    }
    // Security schemes are referenced by name, not $ref: the hub's own definitions win.
    for (const [name, def] of Object.entries(rewritten.components['securitySchemes'] ?? {})) {
      (this.components['securitySchemes'] ??= {})[name] ??= def;
    }

    if (!this.tags.some((t) => t.name === tag)) {
      this.tags.push({
        name: tag,
        ...(source.tagDescription ? { description: source.tagDescription } : {}),
      });
    }
    const excluded = new Set(source.excludePaths ?? []);
    for (const [path, rawItem] of Object.entries(rewritten.paths)) {
      if (excluded.has(path) || !isObject(rawItem)) continue;
      this.addPath(source, tag, joinPaths(source.pathPrefix ?? '', path), rawItem);
    }
    return this;
  }

  build(): MergeResult {
    const document: OpenApiDocument = {
      ...this.base,
      openapi: this.base.openapi,
      info: this.base.info,
      tags: [...this.tags],
      paths: Object.fromEntries(Object.entries(this.paths).sort(([a], [b]) => a.localeCompare(b))),
      components: this.components,
    };
    return { document, collisions: [...this.collisions] };
  }

  /** Names this source's components get: kept when free or identical, else prefixed. */
  private planRenames(source: string, prefix: string, components: unknown): Map<string, string> {
    const renames = new Map<string, string>();
    if (!isObject(components)) return renames;
    for (const kind of COMPONENT_KINDS) {
      const defs = components[kind];
      if (!isObject(defs)) continue;
      const existing = this.components[kind] ?? {};
      for (const [name, def] of Object.entries(defs)) {
        if (!(name in existing) || sameJson(existing[name], def)) continue;
        let candidate = `${prefix}${name}`;
        for (let i = 2; candidate in existing && !sameJson(existing[candidate], def); i++) {
          candidate = `${prefix}${name}${i}`;
        }
        renames.set(`${kind}/${name}`, candidate);
        this.collisions.push(`components.${kind}.${name} of ${source} renamed ${candidate}`);
      }
    }
    return renames;
  }

  private addPath(source: MergeSource, tag: string, path: string, item: JsonObject): void {
    let target = path;
    const clash = METHODS.some((m) => m in item && isObject(this.paths[path]?.[m]));
    if (clash) {
      target = joinPaths(`/${source.name}`, path);
      this.collisions.push(`${path} of ${source.name} moved to ${target}`);
    }
    const merged: JsonObject = { ...(this.paths[target] ?? {}) };
    for (const [key, value] of Object.entries(item)) {
      if (!(METHODS as readonly string[]).includes(key)) {
        // Path-level parameters/summary: only when the path is new, so we never mix two sources'.
        if (!(key in merged)) merged[key] = value;
        continue;
      }
      if (!isObject(value)) continue;
      merged[key] = this.operation(source, tag, key, target, value);
    }
    this.paths[target] = merged;
  }

  private operation(
    source: MergeSource,
    tag: string,
    method: string,
    path: string,
    op: JsonObject,
  ): JsonObject {
    const out: JsonObject = { ...op, tags: [tag] };
    if (source.deprecated) out['deprecated'] = true;
    let id = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
    if (!id) id = `${source.name}_${method}_${path.replace(/[^a-zA-Z0-9]+/g, '_')}`;
    if (this.operationIds.has(id)) id = `${pascalPrefix(source.name)}_${id}`;
    for (let i = 2; this.operationIds.has(id); i++) id = `${id}_${i}`;
    this.operationIds.add(id);
    out['operationId'] = id;
    return out;
  }
}
