import type { GraphPage } from '@portico/contracts';
import { encodeCursor, fetchWindow, pageWindow, sliceConnection, toConnection } from './connection';

const ITEMS = Array.from({ length: 7 }, (_, i) => i);

/** A page/limit list API over ITEMS that records what it was asked. */
function listApi(asked: Array<[number, number]>) {
  return async (page: number, limit: number): Promise<GraphPage<number>> => {
    asked.push([page, limit]);
    return {
      items: ITEMS.slice((page - 1) * limit, page * limit),
      pagination: { page, limit, total: ITEMS.length },
    };
  };
}

describe('Relay connections over page/limit lists', () => {
  it('follows endCursor page by page with one request each', async () => {
    const asked: Array<[number, number]> = [];
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const { offset, first } = pageWindow({ first: 3, after });
      const { items, total } = await fetchWindow(offset, first, listApi(asked));
      const conn = toConnection(items, offset, total);
      seen.push(...conn.edges.map((e) => e.node));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(ITEMS);
    expect(asked).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('serves a window that straddles two pages (page size changed between requests)', async () => {
    const asked: Array<[number, number]> = [];
    const { offset, first } = pageWindow({ first: 2, after: encodeCursor(2) });
    const { items } = await fetchWindow(offset, first, listApi(asked));
    expect(items).toEqual([3, 4]);
    expect(asked).toEqual([
      [2, 2],
      [3, 2],
    ]);
  });

  it('refuses unknown cursors and page sizes outside 1..100 as VALIDATION_ERROR', () => {
    expect(() => pageWindow({ first: 2, after: 'bm9wZQ' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => pageWindow({ first: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => pageWindow({ first: 101 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });

  it('slices in-memory lists with the same cursors', () => {
    const first = sliceConnection(ITEMS, { first: 5 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = sliceConnection(ITEMS, { first: 5, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node)).toEqual([5, 6]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(rest.totalCount).toBe(7);
  });
});
