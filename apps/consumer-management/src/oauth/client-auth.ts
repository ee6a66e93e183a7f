import { OAuthError } from './oauth-error';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: 'client_secret_basic' | 'client_secret_post';
}

/**
 * The request's parameters (form or JSON body) as single strings. RFC 6749 §3.2: parameters must
 * not be repeated, and a repeated one is an invalid request.
 */
export function oauthParams(body: unknown): Record<string, string> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new OAuthError(
      'invalid_request',
      'Send the parameters as a form (x-www-form-urlencoded).',
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(v)) throw new OAuthError('invalid_request', `Parameter '${k}' is repeated.`);
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else throw new OAuthError('invalid_request', `Parameter '${k}' must be a string.`);
  }
  return out;
}

function formDecode(v: string): string {
  return decodeURIComponent(v.replace(/\+/g, ' '));
}

/**
 * Client credentials from HTTP Basic (RFC 6749 §2.3.1: id and secret are form-encoded before
 * base64) or from the body. Using both is an invalid request; using neither returns null.
 */
export function clientCredentials(
  authorization: string | undefined,
  params: Record<string, string>,
): ClientCredentials | null {
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  const inBody = params['client_secret'] !== undefined;
  if (basic && inBody) {
    throw new OAuthError('invalid_request', 'Use one client authentication method, not two.');
  }
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    if (sep < 0) throw OAuthError.invalidClient('Malformed Basic credentials.');
    try {
      return {
        clientId: formDecode(decoded.slice(0, sep)),
        clientSecret: formDecode(decoded.slice(sep + 1)),
        method: 'client_secret_basic',
      };
    } catch {
      throw OAuthError.invalidClient('Malformed Basic credentials.');
    }
  }
  if (authorization && /^Basic\b/i.test(authorization)) {
    throw OAuthError.invalidClient('Malformed Basic credentials.');
  }
  if (inBody) {
    const clientId = params['client_id'];
    if (!clientId) throw new OAuthError('invalid_request', 'client_id is missing.');
    return { clientId, clientSecret: params['client_secret']!, method: 'client_secret_post' };
  }
  return null;
}
