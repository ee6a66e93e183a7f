import { ErrorCode } from '@portico/contracts';
import type { AuthResult, GatewayRequest } from '../pipeline/contracts';
import { type Credential, type Rejection, identityFor } from './credential';

export type Scheme = 'ApiKey' | 'Bearer';

/**
 * 401 answers carry a challenge (RFC 9110 §11.6.1); for Bearer, RFC 6750 §3 names the error when
 * a token was presented and leaves it out when none was.
 */
export function unauthorized(
  scheme: Scheme,
  message: string,
  presented: boolean,
): AuthResult & { ok: false } {
  const challenge =
    scheme === 'Bearer'
      ? presented
        ? 'Bearer realm="portico", error="invalid_token"'
        : 'Bearer realm="portico"'
      : 'ApiKey realm="portico"';
  return {
    ok: false,
    status: 401,
    code: ErrorCode.UNAUTHORIZED,
    message,
    headers: { 'www-authenticate': challenge },
  };
}

export function forbidden(message: string): AuthResult & { ok: false } {
  return { ok: false, status: 403, code: ErrorCode.FORBIDDEN, message };
}

export function unavailable(message: string): AuthResult & { ok: false } {
  return { ok: false, status: 503, code: ErrorCode.SERVICE_UNAVAILABLE, message };
}

const REJECTION_MESSAGES: Record<Rejection['reason'], string> = {
  unknown: 'The credential is not valid.',
  revoked: 'The credential has been revoked.',
  expired: 'The credential has expired.',
  invalid_token: 'The access token is not valid.',
  inactive: 'The access token is not active.',
  locked_out: 'Too many failed attempts with this credential; try again later.',
  ip_not_allowed: 'This credential may not be used from your address.',
  consumer_not_approved: 'The consumer is not approved.',
};

/** Authentication failed (401) or the caller is known but barred (403). */
export function refuse(rejection: Rejection, scheme: Scheme): AuthResult & { ok: false } {
  const message = REJECTION_MESSAGES[rejection.reason];
  if (rejection.reason === 'ip_not_allowed' || rejection.reason === 'consumer_not_approved') {
    return forbidden(message);
  }
  return unauthorized(scheme, message, true);
}

/**
 * What a known caller may do on this route: tenant, allowed APIs and addresses, scopes, and the
 * subscription to the API version. Runs on every request, so it only does set lookups.
 */
export function authorise(cred: Credential, req: GatewayRequest, scheme: Scheme): AuthResult {
  const route = req.route;
  if (cred.tenantId !== route.tenantId) {
    return forbidden('The credential belongs to another tenant than this API.');
  }
  if (cred.allowedApis !== null && !cred.allowedApis.has(route.apiId)) {
    return forbidden(`The credential may not call the API '${route.apiName}'.`);
  }
  if (cred.allowedIps !== null && !cred.allowedIps.matches(req.clientIp)) {
    return forbidden('This credential may not be used from your address.');
  }
  const required = route.policies.auth?.scopes;
  if (required !== undefined && required.length > 0 && cred.scopeSet !== null) {
    let missing: string[] | undefined;
    for (const s of required) if (!cred.scopeSet.has(s)) (missing ??= []).push(s);
    if (missing) {
      const refusal = forbidden(
        `The credential lacks the required scope(s): ${missing.join(', ')}.`,
      );
      // RFC 6750 §3.1: a bearer token with too little scope is told which scope is needed.
      if (scheme === 'Bearer') {
        refusal.headers = {
          'www-authenticate': `Bearer realm="portico", error="insufficient_scope", scope="${required.join(' ')}"`,
        };
      }
      return refusal;
    }
  }
  if (route.policies.auth?.requireSubscription && !cred.subscriptions.has(route.versionId)) {
    return forbidden(
      `An approved subscription to ${route.apiName} ${route.version} is required for this call.`,
    );
  }
  return { ok: true, identity: identityFor(cred, route.versionId) };
}
