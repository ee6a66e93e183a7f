import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectorDefinitionSchema, type ConnectorDefinition } from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { type Agent, request } from 'undici';
import { SecretBox } from '@portico/platform';
import {
  createAuthenticator,
  type Authenticator,
  type Credentials,
} from '../http/authenticators/authenticator';
import type { TokenTransport } from '../http/authenticators/oauth2';
import { ConnectorClient } from '../http/client';
import { SlidingWindowLimiter } from '../http/rate-limiter';
import { Redactor } from '../http/redactor';

/** What a runtime is built from: a connection row and its definition's manifest. */
export interface ConnectionRecord {
  id: string;
  tenantId: string;
  baseUrl: string | null;
  credentials: string | null;
  updatedAt: Date;
  definition: { id: string; revision: number; manifest: unknown };
}

export interface ConnectionRuntime {
  definition: ConnectorDefinition;
  client: ConnectorClient;
  redactor: Redactor;
  /** The same authenticator, limiter and retry policy against another base URL (fallbacks). */
  withBaseUrl(baseUrl: string): ConnectorClient;
}

export function credentialsAad(tenantId: string, connectionId: string): string {
  return `${tenantId}/${connectionId}`;
}

/**
 * One runtime per connection and process, shared by its runs and its actions: that is what makes the
 * rate limit hold across streams and actions, and the OAuth2 token reused until it expires. A
 * changed connection or definition gets a fresh runtime.
 */
@Injectable()
export class ConnectionRuntimes implements OnApplicationShutdown {
  private readonly dispatcher: Agent;
  private readonly cache = new Map<string, { version: string; runtime: ConnectionRuntime }>();

  constructor(
    guard: EgressGuard,
    private readonly box: SecretBox,
  ) {
    this.dispatcher = guard.dispatcher();
  }

  get(conn: ConnectionRecord): ConnectionRuntime {
    const version = `${conn.updatedAt.getTime()}/${conn.definition.id}/${conn.definition.revision}`;
    const hit = this.cache.get(conn.id);
    if (hit && hit.version === version) return hit.runtime;
    const runtime = this.build(conn);
    this.cache.set(conn.id, { version, runtime });
    return runtime;
  }

  forget(connectionId: string): void {
    this.cache.delete(connectionId);
  }

  decrypt(conn: Pick<ConnectionRecord, 'id' | 'tenantId' | 'credentials'>): Credentials {
    if (!conn.credentials) return {};
    return JSON.parse(
      this.box.open(conn.credentials, credentialsAad(conn.tenantId, conn.id)),
    ) as Credentials;
  }

  private build(conn: ConnectionRecord): ConnectionRuntime {
    const definition = ConnectorDefinitionSchema.parse(conn.definition.manifest);
    const credentials = this.decrypt(conn);
    const authenticator: Authenticator = createAuthenticator(definition.auth, credentials, {
      tokenTransport: this.tokenTransport(definition.timeoutMs),
    });
    const redactor = new Redactor(Object.values(credentials), authenticator.secretQueryParams);
    const limiter = new SlidingWindowLimiter(definition.rateLimit);
    const make = (baseUrl: string) =>
      new ConnectorClient({
        baseUrl,
        headers: definition.headers,
        timeoutMs: definition.timeoutMs,
        retry: definition.retry,
        authenticator,
        limiter,
        dispatcher: this.dispatcher,
        redactor,
      });
    return {
      definition,
      client: make(conn.baseUrl ?? definition.baseUrl),
      redactor,
      withBaseUrl: make,
    };
  }

  private tokenTransport(timeoutMs: number): TokenTransport {
    return async (url, form, headers, signal) => {
      const res = await request(url, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        dispatcher: this.dispatcher,
        signal: signal ?? AbortSignal.timeout(timeoutMs),
      });
      const text = await res.body.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: res.statusCode, body };
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }
}
