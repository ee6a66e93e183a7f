import { z } from 'zod';

/**
 * A connector definition: how to talk to one third-party REST API, declaratively (JSON or YAML).
 * Simpler than Airbyte's low-code manifests: one authenticator, one rate limit and one retry policy
 * per API, and a flat list of streams, each with its own paginator, incremental cursor, transforms
 * and declared destination fields. `GET /api/v1/connectors/schema` publishes it as JSON Schema.
 */

const Identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter or _');
/** A dotted path into a JSON document (`data.items`, `meta.next_cursor`); empty = the document. */
const JsonPath = z
  .string()
  .max(200)
  .regex(/^$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dotted path such as data.items');
const ParamName = z.string().min(1).max(100);
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'an HTTP header name');
const QueryValues = z.record(ParamName, z.union([z.string().max(1000), z.number(), z.boolean()]));

export const ConnectorAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('apiKey'),
    in: z.enum(['header', 'query']).default('header'),
    name: ParamName.describe('Header or query parameter carrying the key'),
    prefix: z.string().max(50).optional().describe('Written before the key, e.g. "Token "'),
  }),
  z.object({ type: z.literal('bearer') }),
  z.object({ type: z.literal('basic') }),
  z.object({
    type: z.literal('oauth2ClientCredentials'),
    tokenUrl: z.string().url().describe('Absolute URL of the token endpoint'),
    scopes: z.array(z.string().max(200)).max(50).default([]),
    /** Tokens are refreshed this long before they expire. */
    refreshBeforeSeconds: z.number().int().min(0).max(3600).default(60),
    /** Client credentials in the form body (default) or as HTTP Basic. */
    clientAuth: z.enum(['body', 'basic']).default('body'),
  }),
]);
export type ConnectorAuth = z.infer<typeof ConnectorAuthSchema>;

export const RateLimitSchema = z
  .object({
    perSecond: z.number().int().positive().max(10_000).optional(),
    perMinute: z.number().int().positive().max(600_000).optional(),
  })
  .describe('Sliding-window limits shared by every stream and action of a connection');

export const RetrySchema = z.object({
  /** Calls in total, the first included. */
  maxAttempts: z.number().int().min(1).max(10).default(4),
  initialDelayMs: z.number().int().min(0).max(60_000).default(250),
  maxDelayMs: z.number().int().min(0).max(300_000).default(10_000),
  /** A Retry-After longer than this fails the call instead of waiting. */
  maxRetryAfterSeconds: z.number().int().min(0).max(3600).default(120),
});

export const PaginatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('pageNumber'),
    pageParam: ParamName.default('page'),
    sizeParam: ParamName.optional(),
    pageSize: z.number().int().positive().max(10_000).default(100),
    startPage: z.number().int().min(0).default(1),
  }),
  z.object({
    type: z.literal('offset'),
    offsetParam: ParamName.default('offset'),
    limitParam: ParamName.default('limit'),
    limit: z.number().int().positive().max(10_000).default(100),
  }),
  z.object({
    type: z.literal('cursor'),
    /** Where the next cursor is in the response body; absent/null/empty = last page. */
    cursorPath: JsonPath,
    cursorParam: ParamName.default('cursor'),
    sizeParam: ParamName.optional(),
    pageSize: z.number().int().positive().max(10_000).optional(),
  }),
  z.object({
    type: z.literal('linkHeader'),
    sizeParam: ParamName.optional(),
    pageSize: z.number().int().positive().max(10_000).optional(),
  }),
]);
export type Paginator = z.infer<typeof PaginatorSchema>;

export const CursorFormatSchema = z.enum(['iso8601', 'unixSeconds', 'unixMillis', 'number']);
export type CursorFormat = z.infer<typeof CursorFormatSchema>;

export const IncrementalSchema = z.object({
  /** Path of the cursor in a raw record (before transforms), e.g. `updated_at`. */
  cursorField: JsonPath.min(1),
  format: CursorFormatSchema.default('iso8601'),
  /** Query parameter carrying the lower bound; without it records are filtered after reading. */
  requestParam: ParamName.optional(),
  /** Lower bound of the first run (in `format`); default: everything. */
  startValue: z.union([z.string().max(100), z.number()]).optional(),
  /** Re-read this far behind the saved cursor, for late-arriving updates. */
  lookbackSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(0),
});
export type Incremental = z.infer<typeof IncrementalSchema>;

export const FieldTypeSchema = z.enum([
  'string',
  'integer',
  'number',
  'boolean',
  'timestamp',
  'date',
  'json',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const FieldSchema = z.object({
  name: Identifier,
  type: FieldTypeSchema,
  /** Nullable unless it is part of the primary key. */
  nullable: z.boolean().default(true),
});
export type FieldDef = z.infer<typeof FieldSchema>;

const Fields = z.array(JsonPath.min(1)).min(1).max(200);
export const TransformSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('flatten'),
    separator: z.string().max(5).default('_'),
    maxDepth: z.number().int().min(1).max(10).default(5),
  }),
  z.object({ type: z.literal('rename'), fields: z.record(JsonPath.min(1), Identifier) }),
  z.object({
    type: z.literal('map'),
    field: JsonPath.min(1),
    values: z.record(z.string(), z.unknown()),
    default: z.unknown().optional(),
  }),
  z.object({ type: z.literal('drop'), fields: Fields }),
  z.object({
    type: z.literal('date'),
    fields: Fields,
    /** auto: ISO strings and epoch numbers (seconds below 1e11, else milliseconds). */
    from: z.enum(['auto', 'iso8601', 'unixSeconds', 'unixMillis', 'format']).default('auto'),
    /** A Luxon format (e.g. dd/MM/yyyy HH:mm) when `from` is `format`; read as UTC. */
    format: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal('coerce'),
    fields: z.record(JsonPath.min(1), z.enum(['string', 'integer', 'number', 'boolean'])),
    onError: z.enum(['fail', 'null']).default('fail'),
  }),
  z.object({ type: z.literal('constant'), field: Identifier, value: z.unknown() }),
  z.object({
    type: z.literal('compute'),
    field: Identifier,
    /** A JSONata expression over the record, e.g. `first_name & " " & last_name`. */
    expression: z.string().min(1).max(2000),
  }),
]);
export type Transform = z.infer<typeof TransformSchema>;

export const StreamSchema = z.object({
  name: Identifier,
  path: z
    .string()
    .regex(/^\/[^\s]*$/, 'a path starting with /')
    .max(1000),
  method: z.enum(['GET', 'POST']).default('GET'),
  query: QueryValues.default({}),
  /** Path to the array of records in a response body; empty = the body is the array. */
  recordSelector: JsonPath.default(''),
  primaryKey: z.array(Identifier).max(5).default([]),
  paginator: PaginatorSchema.default({ type: 'none' }),
  incremental: IncrementalSchema.optional(),
  transforms: z.array(TransformSchema).max(50).default([]),
  /** Destination columns, after transforms; other fields of a record are not loaded. */
  fields: z.array(FieldSchema).min(1).max(500),
});
export type StreamDef = z.infer<typeof StreamSchema>;

export const ConnectorDefinitionSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    baseUrl: z.string().url(),
    auth: ConnectorAuthSchema.default({ type: 'none' }),
    headers: z.record(HeaderName, z.string().max(2000)).default({}),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    rateLimit: RateLimitSchema.default({}),
    retry: RetrySchema.default({
      maxAttempts: 4,
      initialDelayMs: 250,
      maxDelayMs: 10_000,
      maxRetryAfterSeconds: 120,
    }),
    streams: z.array(StreamSchema).max(50).default([]),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.streams.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({ code: 'custom', path: ['streams', i, 'name'], message: 'duplicate stream' });
      }
      seen.add(s.name);
      const names = new Set(s.fields.map((f) => f.name));
      if (names.size !== s.fields.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['streams', i, 'fields'],
          message: 'duplicate field',
        });
      }
      s.primaryKey.forEach((k, j) => {
        if (!names.has(k)) {
          ctx.addIssue({
            code: 'custom',
            path: ['streams', i, 'primaryKey', j],
            message: `primary key '${k}' is not a declared field`,
          });
        }
      });
      s.transforms.forEach((t, j) => {
        if (t.type === 'date' && t.from === 'format' && !t.format) {
          ctx.addIssue({
            code: 'custom',
            path: ['streams', i, 'transforms', j, 'format'],
            message: 'required when from is "format"',
          });
        }
      });
    });
  });
export type ConnectorDefinition = z.infer<typeof ConnectorDefinitionSchema>;

/** The published JSON Schema of a definition (what editors and CI validate YAML files against). */
export function connectorDefinitionJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://portico.dev/schemas/connector-definition.json',
    title: 'Portico connector definition',
    ...(z.toJSONSchema(ConnectorDefinitionSchema, { io: 'input' }) as Record<string, unknown>),
  };
}
