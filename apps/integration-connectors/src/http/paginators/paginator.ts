import type { Paginator as PaginatorDef } from '@portico/contracts';
import LinkHeader from 'http-link-header';
import { ConnectorHttpError } from '../errors';
import { getPath } from '../json-path';

/** Where the next page is: serialisable, saved with each committed batch so a run can resume. */
export type PageState =
  | { kind: 'single'; done?: boolean }
  | { kind: 'page'; page: number }
  | { kind: 'offset'; offset: number }
  | { kind: 'cursor'; cursor: string | null }
  | { kind: 'link'; url: string | null };

export interface PageRequest {
  /** Absolute URL for link-header pages; otherwise the stream's path. */
  url?: string;
  query: Record<string, string>;
}

export interface FetchedPage {
  records: unknown[];
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The URL actually requested (for resolving relative Link targets). */
  requestUrl: string;
}

export interface Paginator {
  initial(): PageState;
  request(state: PageState): PageRequest;
  /** The state of the following page, or null when this was the last one. */
  next(state: PageState, page: FetchedPage): PageState | null;
  /** A short label for the error history (`page 3`, `offset 200`, `cursor abc`). */
  describe(state: PageState): string;
}

export function createPaginator(def: PaginatorDef, origin: string): Paginator {
  switch (def.type) {
    case 'none':
      return {
        initial: () => ({ kind: 'single' }),
        request: () => ({ query: {} }),
        next: () => null,
        describe: () => 'single page',
      };
    case 'pageNumber':
      return {
        initial: () => ({ kind: 'page', page: def.startPage }),
        request: (s) => ({
          query: {
            [def.pageParam]: String(as(s, 'page').page),
            ...(def.sizeParam ? { [def.sizeParam]: String(def.pageSize) } : {}),
          },
        }),
        next: (s, p) =>
          isLast(p.records.length, def.sizeParam ? def.pageSize : undefined)
            ? null
            : { kind: 'page', page: as(s, 'page').page + 1 },
        describe: (s) => `page ${as(s, 'page').page}`,
      };
    case 'offset':
      return {
        initial: () => ({ kind: 'offset', offset: 0 }),
        request: (s) => ({
          query: {
            [def.offsetParam]: String(as(s, 'offset').offset),
            [def.limitParam]: String(def.limit),
          },
        }),
        next: (s, p) =>
          isLast(p.records.length, def.limit)
            ? null
            : { kind: 'offset', offset: as(s, 'offset').offset + p.records.length },
        describe: (s) => `offset ${as(s, 'offset').offset}`,
      };
    case 'cursor':
      return {
        initial: () => ({ kind: 'cursor', cursor: null }),
        request: (s) => {
          const cursor = as(s, 'cursor').cursor;
          return {
            query: {
              ...(cursor !== null ? { [def.cursorParam]: cursor } : {}),
              ...(def.sizeParam && def.pageSize ? { [def.sizeParam]: String(def.pageSize) } : {}),
            },
          };
        },
        next: (s, p) => {
          const raw = getPath(p.body, def.cursorPath);
          const cursor = raw === undefined || raw === null ? '' : String(raw);
          // An empty page or a cursor that does not move would loop forever.
          if (cursor === '' || p.records.length === 0 || cursor === as(s, 'cursor').cursor)
            return null;
          return { kind: 'cursor', cursor };
        },
        describe: (s) => `cursor ${as(s, 'cursor').cursor ?? '(first)'}`,
      };
    case 'linkHeader':
      return {
        initial: () => ({ kind: 'link', url: null }),
        request: (s) => {
          const url = as(s, 'link').url;
          if (url) return { url, query: {} };
          return {
            query: def.sizeParam && def.pageSize ? { [def.sizeParam]: String(def.pageSize) } : {},
          };
        },
        next: (_s, p) => {
          const link = p.headers['link'];
          const value = Array.isArray(link) ? link.join(', ') : link;
          if (!value || p.records.length === 0) return null;
          const next = LinkHeader.parse(value).rel('next')[0];
          if (!next) return null;
          const url = new URL(next.uri, p.requestUrl);
          // A provider's Link header must not send us to another host (SSRF through pagination).
          if (url.origin !== origin) {
            throw new ConnectorHttpError(
              'response',
              `The next-page link points to ${url.origin}, not ${origin}; refusing to follow it`,
            );
          }
          return { kind: 'link', url: url.toString() };
        },
        describe: (s) => {
          const url = as(s, 'link').url;
          return url ? `link ${new URL(url).search || url}` : 'first page';
        },
      };
  }
}

/** Without a known page size, only an empty page ends the stream. */
function isLast(count: number, pageSize: number | undefined): boolean {
  return count === 0 || (pageSize !== undefined && count < pageSize);
}

function as<K extends PageState['kind']>(s: PageState, kind: K): Extract<PageState, { kind: K }> {
  if (s.kind !== kind) throw new Error(`Saved page state is '${s.kind}', expected '${kind}'.`);
  return s as Extract<PageState, { kind: K }>;
}
