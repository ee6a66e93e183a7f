import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES, ErrorCode, isPorticoError, newUlid } from '@portico/contracts';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** Apollo's own codes, mapped onto ours; the APQ codes stay as clients rely on them. */
const APOLLO_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.MALFORMED_REQUEST,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.VALIDATION_ERROR,
  BAD_USER_INPUT: ErrorCode.VALIDATION_ERROR,
  BAD_REQUEST: ErrorCode.MALFORMED_REQUEST,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.VALIDATION_ERROR,
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
};

function base(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const out: {
    message: string;
    locations?: GraphQLFormattedError['locations'];
    path?: GraphQLFormattedError['path'];
  } = { message: formatted.message };
  if (formatted.locations) out.locations = formatted.locations;
  if (formatted.path) out.path = formatted.path;
  return out;
}

/**
 * Every error leaves with `extensions.code` from our closed enum (ErrorCode) and never a stack
 * trace: a PorticoError keeps its code, message and details; anything unexpected becomes
 * INTERNAL_ERROR with an errorId that is logged once with the real cause.
 */
export function formatGraphError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isPorticoError(original)) {
      const extensions: Record<string, unknown> = { code: original.code };
      if (original.details.length > 0) extensions['details'] = original.details;
      return { ...base(formatted), message: original.message, extensions };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && ERROR_CODES.includes(code as ErrorCode)) {
      const extensions: Record<string, unknown> = { code };
      if (formatted.extensions?.['details'])
        extensions['details'] = formatted.extensions['details'];
      return { ...base(formatted), extensions };
    }
    if (typeof code === 'string' && APOLLO_CODES[code]) {
      // Our validation rules (depth limit) put their details next to Apollo's code.
      const details = formatted.extensions?.['details'];
      return {
        ...base(formatted),
        extensions: { code: APOLLO_CODES[code], ...(details ? { details } : {}) },
      };
    }
    const errorId = newUlid();
    logger.error({ err: original, errorId }, 'GraphQL operation failed');
    return {
      ...base(formatted),
      message: `Something went wrong on our side. Quote error id ${errorId} when reporting it.`,
      extensions: { code: ErrorCode.INTERNAL_ERROR, errorId },
    };
  };
}
