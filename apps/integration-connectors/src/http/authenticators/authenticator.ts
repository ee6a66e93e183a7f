import type { ConnectorAuth } from '@portico/contracts';
import type { Clock } from '../rate-limiter';
import { systemClock } from '../rate-limiter';
import { OAuth2ClientCredentials, type TokenTransport } from './oauth2';

/** The parts of an outgoing request an authenticator may change. */
export interface OutgoingRequest {
  url: URL;
  headers: Record<string, string>;
}

export interface Authenticator {
  apply(req: OutgoingRequest, signal?: AbortSignal): Promise<void>;
  /** After a 401: drop cached credentials; true when one more try with fresh ones makes sense. */
  invalidate(): boolean;
  /** Query parameters that carry a secret, redacted wherever a URL is logged or stored. */
  readonly secretQueryParams: readonly string[];
}

export type Credentials = Record<string, string>;

const none: Authenticator = {
  apply: async () => undefined,
  invalidate: () => false,
  secretQueryParams: [],
};

/** The authenticator of a definition, with a connection's decrypted credentials. */
export function createAuthenticator(
  auth: ConnectorAuth,
  credentials: Credentials,
  deps: { tokenTransport: TokenTransport; clock?: Clock },
): Authenticator {
  const need = (field: string): string => {
    const v = credentials[field];
    if (!v) throw new Error(`The connection has no '${field}' credential.`);
    return v;
  };
  switch (auth.type) {
    case 'none':
      return none;
    case 'apiKey': {
      const value = `${auth.prefix ?? ''}${need('apiKey')}`;
      return {
        secretQueryParams: auth.in === 'query' ? [auth.name] : [],
        invalidate: () => false,
        async apply(req) {
          if (auth.in === 'query') req.url.searchParams.set(auth.name, value);
          else req.headers[auth.name.toLowerCase()] = value;
        },
      };
    }
    case 'bearer': {
      const token = need('token');
      return {
        secretQueryParams: [],
        invalidate: () => false,
        async apply(req) {
          req.headers['authorization'] = `Bearer ${token}`;
        },
      };
    }
    case 'basic': {
      const encoded = Buffer.from(`${need('username')}:${need('password')}`).toString('base64');
      return {
        secretQueryParams: [],
        invalidate: () => false,
        async apply(req) {
          req.headers['authorization'] = `Basic ${encoded}`;
        },
      };
    }
    case 'oauth2ClientCredentials':
      return new OAuth2ClientCredentials(
        auth,
        { clientId: need('clientId'), clientSecret: need('clientSecret') },
        deps.tokenTransport,
        deps.clock ?? systemClock,
      );
  }
}
