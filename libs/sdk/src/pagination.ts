import type { Client } from 'openapi-fetch';
import { PorticoApiError } from './errors';
import type { paths } from './generated/portico';

/** Paths whose GET takes `?page=&limit=`: the paginated lists. */
export type ListPath = {
  [P in keyof paths]: paths[P] extends {
    get: { parameters: { query?: { page?: number; limit?: number } } };
  }
    ? P
    : never;
}[keyof paths];

export interface PaginateOptions {
  /** Path parameters, e.g. `{ api: 'api_…' }` for `/api/v1/apis/{api}/versions`. */
  path?: Record<string, string>;
  /** Filters, sent with every page. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Page size (1..100, default 100). */
  limit?: number;
  /** First page (default 1). */
  page?: number;
}

interface ListEnvelope {
  status: 'success';
  data: unknown[];
  pagination?: { page: number; limit: number; total: number; nextCursor?: string | null };
}

/**
 * Walks a list page by page (`pagination.total` says when to stop; a `nextCursor`, where a list
 * has one, is followed instead of the page number). Stops early when the loop breaks.
 */
export async function* paginate<T>(
  api: Client<paths>,
  path: ListPath,
  options: PaginateOptions = {},
): AsyncGenerator<T, void> {
  const limit = options.limit ?? 100;
  let page = options.page ?? 1;
  let cursor: string | undefined;
  for (;;) {
    const query = { ...options.query, limit, ...(cursor ? { cursor } : { page }) };
    // The path is one of ListPath; openapi-fetch's per-path typing cannot follow a union here.
    const get = api.GET as unknown as (
      p: string,
      init: { params: { path?: Record<string, string>; query: Record<string, unknown> } },
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await get(path, {
      params: { ...(options.path ? { path: options.path } : {}), query },
    });
    if (!response.ok) throw PorticoApiError.from(response, error);
    const body = data as ListEnvelope;
    if (!Array.isArray(body?.data)) {
      throw new PorticoApiError(response.status, 'NOT_A_LIST', `${path} did not answer a list.`);
    }
    for (const item of body.data) yield item as T;
    const p = body.pagination;
    if (!p || body.data.length === 0) return;
    if (p.nextCursor) {
      cursor = p.nextCursor;
      continue;
    }
    if (p.page * p.limit >= p.total) return;
    page = p.page + 1;
  }
}
