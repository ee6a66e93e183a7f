import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

function json(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  delete out['$schema'];
  return out;
}

/** 200 with `data` described by a contracts schema, inside the success envelope. */
export function ApiEnvelopeResponse(
  schema: z.ZodType,
  description: string,
  opts: { list?: boolean } = {},
) {
  const data = opts.list ? { type: 'array', items: json(schema) } : json(schema);
  const properties: JsonSchema = {
    status: { type: 'string', enum: ['success'] },
    data,
    timestamp: { type: 'string', format: 'date-time' },
  };
  if (opts.list) {
    properties['pagination'] = {
      type: 'object',
      properties: {
        page: { type: 'integer' },
        limit: { type: 'integer' },
        total: { type: 'integer' },
      },
    };
  }
  return ApiOkResponse({ description, schema: { type: 'object', properties } as never });
}
