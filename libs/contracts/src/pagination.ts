import { z } from 'zod';

/** `?page=&limit=` as every list endpoint accepts them (page from 1, limit 1..100, default 20). */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOffset(q: PageQuery): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.limit, take: q.limit };
}
