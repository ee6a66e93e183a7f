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

/**
 * Estimates an operation's cost before it runs (with its variables) and refuses it above `max`, so
 * one request cannot fan out into thousands of service calls or rows.
 */
type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

export function costLimit(max: number): Plugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
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
        },
      };
    },
  };
}
