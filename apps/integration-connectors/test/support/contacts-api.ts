import type { Contact, RecordedRequest, Reply } from './stand-in';

export const FIELDS = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'string' },
  { name: 'address_city', type: 'string' },
  { name: 'score', type: 'number' },
  { name: 'updated_at', type: 'timestamp' },
];
export const TRANSFORMS = [
  { type: 'flatten' },
  { type: 'coerce', fields: { score: 'number' } },
  { type: 'drop', fields: ['email', 'address_zip'] },
];

export function stream(
  name: string,
  path: string,
  paginator: unknown,
  extra: Record<string, unknown> = {},
) {
  return {
    name,
    path,
    recordSelector: 'data',
    primaryKey: ['id'],
    paginator,
    transforms: TRANSFORMS,
    fields: FIELDS,
    ...extra,
  };
}

/** Pages of `data` the way each paginator expects them. */
export function paginated(data: () => Contact[]) {
  return (req: RecordedRequest): Reply => {
    let all = data();
    const since = req.query.get('updated_since');
    if (since) all = all.filter((c) => c.updated_at >= since);
    const q = req.query;
    switch (req.path) {
      case '/v1/page': {
        const size = Number(q.get('per_page')),
          page = Number(q.get('page'));
        return { body: { data: all.slice((page - 1) * size, page * size) } };
      }
      case '/v1/offset': {
        const off = Number(q.get('offset')),
          lim = Number(q.get('limit'));
        return { body: { data: all.slice(off, off + lim) } };
      }
      case '/v1/cursor': {
        const from = Number(q.get('after') ?? 0);
        const chunk = all.slice(from, from + 7);
        return {
          body: { data: chunk, meta: { next: from + 7 < all.length ? String(from + 7) : null } },
        };
      }
      case '/v1/link': {
        const page = Number(q.get('page') ?? 1);
        const chunk = all.slice((page - 1) * 9, page * 9);
        const headers: Record<string, string> =
          page * 9 < all.length ? { link: `</v1/link?page=${page + 1}>; rel="next"` } : {};
        return { headers, body: { data: chunk } };
      }
      default:
        return { body: { data: all } };
    }
  };
}
