import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ErrorCode } from '@portico/contracts';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Plain lists (an API's versions, a version's routes) are counted as this many items. */
export const LIST_ESTIMATE = 10;

function limitError(message: string, code: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.VALIDATION_ERROR,
      details: [{ code, message, limit, actual }],
      http: { status: 400 },
    },
  });
}

function depthOf(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      // Introspection has its own switch; its standard query is deeper than any data query.
      if (sel.name.value.startsWith('__')) continue;
      const below = sel.selectionSet ? depthOf(sel.selectionSet, fragments, seen) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const frag = fragments[name];
      if (!frag || seen.has(name)) continue;
      deepest = Math.max(deepest, depthOf(frag.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Rejects operations nested deeper than `max` fields (the root field is depth 1). */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(doc) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of doc.definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      for (const d of doc.definitions) {
        if (d.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = depthOf(d.selectionSet, fragments, new Set());
        if (depth > max) {
          context.reportError(
            limitError(
              `The query is nested ${depth} levels deep; at most ${max} are allowed.`,
              'QUERY_TOO_DEEP',
              max,
              depth,
            ),
          );
        }
      }
    },
  });
}

/** Connections cost `first` times their items; plain lists LIST_ESTIMATE times; fields 1. */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  // Introspection is switched on or off as a whole, not priced.
  if (field.name.startsWith('__')) return 0;
  // A connection's edges are already counted by its `first`.
  if (field.name === 'edges') return 1 + childComplexity;
  if (typeof args['first'] === 'number') return 1 + childComplexity * Math.max(1, args['first']);
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * LIST_ESTIMATE;
  return undefined;
};

type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * What each caller may spend per minute (fixed one-minute windows, in memory per gateway instance):
 * a consumer cannot run the maximum-cost query in a loop.
 */
export class CostBudget {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxCallers = 10_000,
  ) {}

  /** Charges `cost` to `caller`; null when it fits, else seconds until the window resets. */
  charge(caller: string, cost: number): number | null {
    const now = this.now();
    const start = now - (now % 60_000);
    let w = this.windows.get(caller);
    if (!w || w.start !== start) {
      if (!w && this.windows.size >= this.maxCallers) this.evict(start);
      w = { start, spent: 0 };
      this.windows.set(caller, w);
    }
    if (w.spent + cost > this.perMinute) {
      return Math.max(1, Math.ceil((start + 60_000 - now) / 1000));
    }
    w.spent += cost;
    return null;
  }

  private evict(current: number): void {
    for (const [k, w] of this.windows) if (w.start !== current) this.windows.delete(k);
    // Still full of callers active this minute: forget the oldest one rather than grow.
    if (this.windows.size >= this.maxCallers) {
      const first = this.windows.keys().next().value;
      if (first !== undefined) this.windows.delete(first);
    }
  }
}

interface CallerContext {
  principal?: { tenantId: string; consumerId: string | null; actorId: string } | null;
}

/**
 * Estimates an operation's cost before it runs (with its variables) and refuses it above `max`, so
 * one request cannot fan out into thousands of service calls or rows; then charges it to the
 * caller's per-minute budget (RATE_LIMITED with Retry-After when spent).
 */
export function costLimit(max: number, budget?: CostBudget): Plugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const cost = getComplexity({
            schema,
            query: document,
            ...(request.operationName ? { operationName: request.operationName } : {}),
            variables: request.variables ?? {},
            estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > max) {
            throw limitError(
              `The query would cost ${cost}; at most ${max} is allowed. Ask for fewer items per page or fewer nested lists.`,
              'QUERY_TOO_COSTLY',
              max,
              cost,
            );
          }
          const p = (contextValue as CallerContext).principal;
          if (!budget || !p) return;
          const retryAfter = budget.charge(`${p.tenantId}:${p.consumerId ?? p.actorId}`, cost);
          if (retryAfter !== null) {
            const message = `This caller's query budget (${budget.perMinute} per minute) is spent; retry in ${retryAfter} s.`;
            throw new GraphQLError(message, {
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                details: [{ code: 'QUERY_BUDGET_SPENT', message, limit: budget.perMinute }],
                http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
              },
            });
          }
        },
      };
    },
  };
}

/** For graphql-ws, which Apollo's introspection switch does not reach. */
export function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(
          new GraphQLError('GraphQL introspection is not allowed here.', {
            nodes: [node],
            extensions: { code: ErrorCode.VALIDATION_ERROR },
          }),
        );
      }
    },
  };
}

/**
 * graphql-ws carries subscriptions only: queries and mutations go over HTTP, where the cost limit,
 * the budget and persisted queries apply.
 */
export function subscriptionsOnly(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'subscription') {
        context.reportError(
          new GraphQLError(
            `Send ${node.operation} operations over HTTP (POST /graphql); the WebSocket carries subscriptions.`,
            { nodes: [node], extensions: { code: ErrorCode.VALIDATION_ERROR } },
          ),
        );
      }
    },
  };
}
