import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { type ErrorDetail, PorticoError } from '@portico/contracts';
import { z } from 'zod';

/**
 * Request DTOs are zod schemas (shared through @portico/contracts with the gateway and the SDK).
 * `ZodDto(schema)` turns one into a class so Nest can see it in a handler's signature: the global
 * `ZodValidationPipe` validates with it, and the OpenAPI document describes it (see openapi.ts).
 * Why not nestjs-zod: it deep-imports @nestjs/swagger internals that Nest 12's ESM packages no
 * longer expose; what we need is this file.
 */
export interface ZodDtoClass<S extends z.ZodType = z.ZodType> {
  new (): z.infer<S>;
  readonly zodSchema: S;
}

const registry = new Map<string, z.ZodType>();

/** Schemas of every DTO class by class name, for the OpenAPI post-processing. */
export function registeredDtoSchemas(): ReadonlyMap<string, z.ZodType> {
  return registry;
}

type SwaggerProperty = Record<string, unknown>;

function swaggerType(prop: Record<string, unknown>): unknown {
  const type = Array.isArray(prop['type']) ? (prop['type'] as string[])[0] : prop['type'];
  switch (type) {
    case 'string':
      return String;
    case 'integer':
    case 'number':
      return Number;
    case 'boolean':
      return Boolean;
    case 'array':
      return Array;
    default:
      return Object;
  }
}

/** Property metadata in the shape @nestjs/swagger reads from `_OPENAPI_METADATA_FACTORY`. */
function swaggerMetadata(schema: z.ZodType): Record<string, SwaggerProperty> {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
  const props = (json['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((json['required'] ?? []) as string[]);
  const out: Record<string, SwaggerProperty> = {};
  for (const [name, prop] of Object.entries(props)) {
    const meta: SwaggerProperty = { required: required.has(name), type: swaggerType(prop) };
    for (const k of ['description', 'enum', 'default', 'format', 'minimum', 'maximum', 'example']) {
      if (prop[k] !== undefined) meta[k] = prop[k];
    }
    if (prop['type'] === 'array') {
      meta['isArray'] = true;
      meta['type'] = swaggerType((prop['items'] ?? {}) as Record<string, unknown>);
    }
    out[name] = meta;
  }
  return out;
}

export function ZodDto<S extends z.ZodType>(schema: S): ZodDtoClass<S> {
  class Dto {
    static readonly zodSchema = schema;
    static _OPENAPI_METADATA_FACTORY() {
      registry.set(this.name, schema);
      return swaggerMetadata(schema);
    }
  }
  return Dto as unknown as ZodDtoClass<S>;
}

function isZodDto(metatype: unknown): metatype is ZodDtoClass {
  return typeof metatype === 'function' && 'zodSchema' in metatype;
}

/** Zod issues as envelope details: one entry per failing field, with a dotted path. */
export function zodIssuesToDetails(issues: z.core.$ZodIssue[], location?: string): ErrorDetail[] {
  return issues.map((issue) => {
    const detail: ErrorDetail = {
      field: issue.path.map(String).join('.'),
      message: issue.message,
      code: issue.code,
    };
    if (location) detail['location'] = location;
    return detail;
  });
}

/** Validates (and coerces) every `@Body()`, `@Query()`, `@Param()` typed with a ZodDto. */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) return value;
    const result = metadata.metatype.zodSchema.safeParse(value);
    if (result.success) return result.data;
    const location = metadata.type === 'custom' ? undefined : metadata.type;
    if (metadata.type === 'body' && (value === undefined || value === null)) {
      throw PorticoError.validation('A JSON request body is required.', [
        { field: '', message: 'A JSON request body is required.', location: 'body' },
      ]);
    }
    const details = zodIssuesToDetails(result.error.issues, location);
    throw PorticoError.validation(
      `The request is invalid: ${details.length} problem${details.length === 1 ? '' : 's'} found.`,
      details,
    );
  }
}

/** Parse anything (a NATS message, a stored document) with a schema, failing with our error. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw PorticoError.validation(`Invalid ${what}.`, zodIssuesToDetails(result.error.issues));
}
