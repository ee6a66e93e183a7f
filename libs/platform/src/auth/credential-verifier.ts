import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  DEFAULT_TENANT_ID,
  ErrorCode,
  PorticoError,
  RpcSubject,
  type Principal,
  type VerifyCredentialReply,
  type VerifyCredentialRequest,
} from '@portico/contracts';
import type { MessagingService } from '../messaging/messaging.service';

/** Answers "who holds this credential?"; consumer-management provides the authoritative one. */
export interface CredentialVerifier {
  verify(req: VerifyCredentialRequest): Promise<VerifyCredentialReply>;
}

export const CREDENTIAL_VERIFIER = Symbol.for('portico:credential-verifier');

/** Asks consumer-management over NATS request-reply. */
export class NatsCredentialVerifier implements CredentialVerifier {
  constructor(private readonly messaging: MessagingService) {}

  verify(req: VerifyCredentialRequest): Promise<VerifyCredentialReply> {
    return this.messaging
      .get()
      .request<VerifyCredentialReply>(RpcSubject.credentialsVerify, req, { timeoutMs: 3_000 });
  }
}

/**
 * Compares a presented key with the bootstrap admin key in constant time: both sides are HMACed
 * with a per-process random key first, so lengths never leak and timingSafeEqual always applies.
 */
export class BootstrapKey {
  private readonly mac = randomBytes(32);
  private readonly expected: Buffer | undefined;

  constructor(key: string | undefined) {
    this.expected = key ? this.digest(key) : undefined;
  }

  private digest(value: string): Buffer {
    return createHmac('sha256', this.mac).update(value).digest();
  }

  matches(presented: string): boolean {
    if (!this.expected) return false;
    return timingSafeEqual(this.expected, this.digest(presented));
  }

  static principal(): Principal {
    return {
      tenantId: DEFAULT_TENANT_ID,
      role: 'admin',
      actorId: 'usr_bootstrap',
      consumerId: null,
      keyId: null,
      scopes: ['*'],
      via: 'bootstrap',
    };
  }
}

interface CacheEntry {
  reply: VerifyCredentialReply;
  expiresAt: number;
}

/**
 * Verified answers cached by a hash of the key (never the key itself), bounded, with the TTL the
 * verifier allows; consumer events (revocations, suspensions) clear it.
 */
export class CredentialCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxTtlMs = 60_000,
  ) {}

  static keyOf(req: VerifyCredentialRequest): string {
    const raw = req.type === 'apiKey' ? `k:${req.key}:${req.clientIp ?? ''}` : `c:${req.clientId}`;
    return createHash('sha256').update(raw).digest('base64url');
  }

  get(key: string, now = Date.now()): VerifyCredentialReply | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.reply;
  }

  set(key: string, reply: VerifyCredentialReply, now = Date.now()): void {
    const ttl = Math.min(reply.cacheTtlSeconds * 1000, this.maxTtlMs);
    if (ttl <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { reply, expiresAt: now + ttl });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export function unauthorized(message: string): PorticoError {
  return new PorticoError(ErrorCode.UNAUTHORIZED, message, [], {
    headers: { 'www-authenticate': 'ApiKey realm="portico", Bearer realm="portico"' },
  });
}
