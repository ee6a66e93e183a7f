import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { type GraphPage, PorticoError } from '@portico/contracts';

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** `XConnection` and `XEdge` types for a node type (Relay connection spec). */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: Array<Edge<T>>;
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}

export const MAX_PAGE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Items per page, 1 to ${MAX_PAGE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

/** Cursors are opaque: the position of an item in the list. */
export function encodeCursor(index: number): string {
  return Buffer.from(`i:${index}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^i:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m)
    throw PorticoError.validation('Invalid cursor.', [
      { field: 'after', message: 'unknown cursor' },
    ]);
  return Number(m[1]);
}

/** Where a page starts and how long it is; invalid input is a VALIDATION_ERROR as over REST. */
export function pageWindow(args: PageArgs): { offset: number; first: number } {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw PorticoError.validation(`first must be between 1 and ${MAX_PAGE}.`, [
      { field: 'first', message: `must be between 1 and ${MAX_PAGE}` },
    ]);
  }
  return { offset: args.after ? decodeCursor(args.after) + 1 : 0, first };
}

/**
 * Reads `first` items from `offset` through a page/limit list API: one request when the offset is
 * on a page boundary of size `first` (always so when following endCursor), else two.
 */
export async function fetchWindow<T>(
  offset: number,
  first: number,
  fetchPage: (page: number, limit: number) => Promise<GraphPage<T>>,
): Promise<{ items: T[]; total: number }> {
  const page = Math.floor(offset / first) + 1;
  const skip = offset - (page - 1) * first;
  const a = await fetchPage(page, first);
  let items = a.items.slice(skip);
  if (skip > 0 && a.items.length === first && page * first < a.pagination.total) {
    const b = await fetchPage(page + 1, first);
    items = items.concat(b.items.slice(0, skip));
  }
  return { items, total: a.pagination.total };
}

/**
 * One Relay page of a service's page/limit list: the window the cursor asks for, fetched through
 * `fetchPage` (one or two calls, see fetchWindow) and wrapped as a connection.
 */
export async function pagedConnection<T, U = T>(
  args: PageArgs,
  fetchPage: (page: number, limit: number) => Promise<GraphPage<T>>,
  map?: (item: T) => U,
): Promise<ConnectionShape<U>> {
  const { offset, first } = pageWindow(args);
  const { items, total } = await fetchWindow(offset, first, fetchPage);
  return toConnection(map ? items.map(map) : (items as unknown as U[]), offset, total);
}

/** A filter input without the fields the caller left out (GraphQL gives them as null). */
export function defined<T extends object>(o: T | null | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}

export function toConnection<T>(items: T[], offset: number, total: number): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: offset + items.length < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A connection over a list already in memory (nested lists: a consumer's keys). */
export function sliceConnection<T>(all: T[], args: PageArgs): ConnectionShape<T> {
  const { offset, first } = pageWindow(args);
  return toConnection(all.slice(offset, offset + first), offset, all.length);
}
