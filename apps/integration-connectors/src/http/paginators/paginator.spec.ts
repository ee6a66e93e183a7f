import { createPaginator, type FetchedPage, type PageState } from './paginator';

const page = (records: unknown[], body: unknown = {}, headers = {}): FetchedPage => ({
  records,
  body,
  headers,
  requestUrl: 'https://api.example.com/v1/items',
});

describe('paginators', () => {
  it('page number: asks page by page, stops on a short page', () => {
    const p = createPaginator(
      { type: 'pageNumber', pageParam: 'page', sizeParam: 'per_page', pageSize: 2, startPage: 1 },
      'https://api.example.com',
    );
    let s: PageState | null = p.initial();
    expect(p.request(s).query).toEqual({ page: '1', per_page: '2' });
    s = p.next(s, page([1, 2]));
    expect(p.request(s!).query.page).toBe('2');
    expect(p.next(s!, page([3]))).toBeNull();
  });

  it('offset: advances by the records received', () => {
    const p = createPaginator(
      { type: 'offset', offsetParam: 'skip', limitParam: 'take', limit: 3 },
      'https://api.example.com',
    );
    const s = p.next(p.initial(), page([1, 2, 3]))!;
    expect(p.request(s).query).toEqual({ skip: '3', take: '3' });
    expect(p.describe(s)).toBe('offset 3');
    expect(p.next(s, page([]))).toBeNull();
  });

  it('cursor: follows the body cursor, stops when absent or stuck', () => {
    const p = createPaginator(
      { type: 'cursor', cursorPath: 'meta.next', cursorParam: 'after' },
      'https://api.example.com',
    );
    const first = p.initial();
    expect(p.request(first).query).toEqual({});
    const s = p.next(first, page([1], { meta: { next: 'abc' } }))!;
    expect(p.request(s).query).toEqual({ after: 'abc' });
    expect(p.next(s, page([2], { meta: { next: 'abc' } }))).toBeNull();
    expect(p.next(s, page([2], { meta: { next: null } }))).toBeNull();
  });

  it('link header: follows rel=next on the same origin only', () => {
    const p = createPaginator({ type: 'linkHeader' }, 'https://api.example.com');
    const s = p.next(
      p.initial(),
      page([1], {}, { link: '</v1/items?page=2>; rel="next", </v1/items?page=9>; rel="last"' }),
    )!;
    expect(p.request(s).url).toBe('https://api.example.com/v1/items?page=2');
    expect(p.next(s, page([1], {}, {}))).toBeNull();
    expect(() =>
      p.next(s, page([1], {}, { link: '<https://evil.example/x>; rel="next"' })),
    ).toThrow(/refusing/);
  });
});
