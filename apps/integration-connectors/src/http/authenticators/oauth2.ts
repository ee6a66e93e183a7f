import type { ConnectorAuth } from '@portico/contracts';
import { ConnectorHttpError } from '../errors';
import type { Clock } from '../rate-limiter';
import type { Authenticator, OutgoingRequest } from './authenticator';

type OAuth2Config = Extract<ConnectorAuth, { type: 'oauth2ClientCredentials' }>;

/** Posts a form to the token endpoint (through the egress guard); returns status and parsed body. */
export type TokenTransport = (
  url: string,
  form: URLSearchParams,
  headers: Record<string, string>,
  signal?: AbortSignal,
) => Promise<{ status: number; body: unknown }>;

const DEFAULT_LIFETIME_S = 3600;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): one token per connection, cached until
 * `refreshBeforeSeconds` before it expires, fetched once for concurrent callers, and dropped after a
 * 401 so the request is retried once with a fresh one.
 */
export class OAuth2ClientCredentials implements Authenticator {
  readonly secretQueryParams: readonly string[] = [];
  private token: { value: string; refreshAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** Tokens fetched so far (for metrics and tests). */
  fetches = 0;

  constructor(
    private readonly cfg: OAuth2Config,
    private readonly client: { clientId: string; clientSecret: string },
    private readonly transport: TokenTransport,
    private readonly clock: Clock,
  ) {}

  async apply(req: OutgoingRequest, signal?: AbortSignal): Promise<void> {
    req.headers['authorization'] = `Bearer ${await this.currentToken(signal)}`;
  }

  invalidate(): boolean {
    this.token = null;
    return true;
  }

  private async currentToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.clock.now() < this.token.refreshAt) return this.token.value;
    this.inFlight ??= this.fetchToken(signal).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.cfg.scopes.length > 0) form.set('scope', this.cfg.scopes.join(' '));
    const headers: Record<string, string> = {};
    if (this.cfg.clientAuth === 'basic') {
      const id = encodeURIComponent(this.client.clientId);
      const secret = encodeURIComponent(this.client.clientSecret);
      headers['authorization'] = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    } else {
      form.set('client_id', this.client.clientId);
      form.set('client_secret', this.client.clientSecret);
    }
    const started = this.clock.now();
    this.fetches++;
    const res = await this.transport(this.cfg.tokenUrl, form, headers, signal);
    const body = (res.body ?? {}) as Record<string, unknown>;
    if (res.status !== 200 || typeof body['access_token'] !== 'string') {
      const reason = typeof body['error'] === 'string' ? `: ${body['error']}` : '';
      throw new ConnectorHttpError(
        'auth',
        `Token request to ${this.cfg.tokenUrl} failed with ${res.status}${reason}`,
        { status: res.status, retryable: res.status >= 500 || res.status === 429 },
      );
    }
    const lifetime =
      typeof body['expires_in'] === 'number' && body['expires_in'] > 0
        ? body['expires_in']
        : DEFAULT_LIFETIME_S;
    const refreshIn = Math.max(0, lifetime - this.cfg.refreshBeforeSeconds) * 1000;
    this.token = { value: body['access_token'], refreshAt: started + refreshIn };
    return this.token.value;
  }
}
