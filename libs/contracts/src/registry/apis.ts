import { z } from 'zod';
import { PageQuerySchema } from '../pagination';
import { ApiVersionStatusSchema } from './versions';

/** An API's name: a lowercase slug, unique in its tenant (it names the API in events and URLs). */
export const ApiNameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (letters, digits, single dashes)');

const TagSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');

const ApiFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  tags: z
    .array(TagSchema)
    .max(20)
    .transform((tags) => [...new Set(tags)]),
  owner: z.string().trim().min(1).max(200).nullable(),
};

export const CreateApiSchema = z
  .object({
    name: ApiNameSchema,
    title: ApiFields.title,
    description: ApiFields.description.default(''),
    tags: ApiFields.tags.default([]),
    owner: ApiFields.owner.optional(),
  })
  .strict();
export type CreateApi = z.infer<typeof CreateApiSchema>;

/** Every field optional; the name is fixed once created (events and routes refer to it). */
export const UpdateApiSchema = z
  .object({
    title: ApiFields.title.optional(),
    description: ApiFields.description.optional(),
    tags: ApiFields.tags.optional(),
    owner: ApiFields.owner.optional(),
  })
  .strict();
export type UpdateApi = z.infer<typeof UpdateApiSchema>;

export const ApiListQuerySchema = PageQuerySchema.extend({
  /** APIs having at least one version in this status. */
  status: ApiVersionStatusSchema.optional(),
  tag: TagSchema.optional(),
  /** Case-insensitive match on name, title or description. */
  search: z.string().trim().min(1).max(100).optional(),
});
export type ApiListQuery = z.infer<typeof ApiListQuerySchema>;

export interface RegistryApi {
  id: string;
  tenantId: string;
  name: string;
  title: string;
  description: string;
  tags: string[];
  owner: string | null;
  createdAt: string;
  updatedAt: string;
  /** Version strings and statuses, oldest first. */
  versions: Array<{ id: string; version: string; status: string }>;
}
