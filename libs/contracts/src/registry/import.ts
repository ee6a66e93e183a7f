import { z } from 'zod';
import { ApiNameSchema } from './apis';
import { BasePathSchema, VersionNameSchema } from './versions';

/**
 * `POST /api/v1/apis/import`: the body is the OpenAPI 3.0/3.1 document (JSON or YAML). These query
 * parameters override what is derived from it: name (default: slug of info.title), version
 * (default: `v<major>` of info.version), basePath (default: the path of servers[0].url) and the
 * upstream (default: `x-portico-upstream` in the document, else servers[0].url when absolute).
 */
export const ImportOpenApiQuerySchema = z
  .object({
    name: ApiNameSchema.optional(),
    version: VersionNameSchema.optional(),
    basePath: BasePathSchema.optional(),
    upstreamService: z.string().min(1).max(200).optional(),
    upstreamUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .refine((q) => !(q.upstreamService && q.upstreamUrl), {
    message: 'give upstreamService or upstreamUrl, not both',
    path: ['upstreamUrl'],
  });
export type ImportOpenApiQuery = z.infer<typeof ImportOpenApiQuerySchema>;

export interface ImportOpenApiResult {
  apiId: string;
  apiName: string;
  apiCreated: boolean;
  versionId: string;
  version: string;
  versionCreated: boolean;
  routes: { added: number; updated: number; removed: number; total: number };
  revision: number;
}
