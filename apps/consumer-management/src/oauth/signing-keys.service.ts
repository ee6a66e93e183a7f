import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ErrorCode, newUlid, PorticoError } from '@portico/contracts';
import { InjectConfig, InjectDatabase, InjectLogger } from '@portico/platform';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Logger } from 'pino';
import type { Db } from '../common/database';
import { Secrets } from '../common/secrets';
import type { ConsumerManagementConfig } from '../config';
import type { SigningKey } from '../generated/prisma/client';

const ALG = 'ES256';
/** Other instances may rotate: reload what is published this often. */
const RELOAD_EVERY_MS = 60_000;
/** A retired key stays published this much longer than its last token could live. */
const PUBLISH_MARGIN_MS = 5 * 60_000;
/** Unknown `kid`s trigger a reload at most this often (a flood of forged kids must not hit the DB). */
const UNKNOWN_KID_RELOAD_MS = 5_000;
/** Serialises rotations across instances (advisory lock key, "SIGN"). */
const ROTATION_LOCK = 0x5349474e;

type Key = CryptoKey;

export interface SigningKeyInfo {
  kid: string;
  algorithm: string;
  createdAt: string;
  retiredAt: string | null;
  publishUntil: string | null;
}

/**
 * ES256 keys for access tokens. One key signs; it is replaced after OAUTH_SIGNING_KEY_ROTATION_DAYS
 * (or on demand). Retired keys stay in the JWKS until every token they signed has expired. Private
 * keys are stored encrypted under PORTICO_SECRET_KEY.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap, OnApplicationShutdown {
  private signing: { kid: string; key: Key; createdAt: Date } | undefined;
  private published = new Map<string, { jwk: JWK; key: Key }>();
  private loadedAt = 0;
  private lastUnknownReload = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDatabase() private readonly db: Db,
    @InjectConfig() private readonly config: ConsumerManagementConfig,
    @InjectLogger() private readonly logger: Logger,
    private readonly secrets: Secrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The database may be down at start: keys are then created on first use.
    await this.ensureCurrent().catch((err: unknown) =>
      this.logger.warn({ err }, 'could not prepare the token signing key yet'),
    );
    this.timer = setInterval(() => {
      this.ensureCurrent().catch((err: unknown) =>
        this.logger.warn({ err }, 'signing key maintenance failed'),
      );
    }, RELOAD_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The key to sign with now. */
  async current(): Promise<{ kid: string; key: Key }> {
    if (!this.signing || this.stale() || this.due(this.signing.createdAt))
      await this.ensureCurrent();
    if (!this.signing) {
      throw new PorticoError(ErrorCode.SERVICE_UNAVAILABLE, 'No token signing key is available.');
    }
    return this.signing;
  }

  /** The public keys tokens may be verified with (RFC 7517 JWK Set). */
  async jwks(): Promise<{ keys: JWK[] }> {
    if (this.stale()) await this.load();
    return { keys: [...this.published.values()].map((p) => p.jwk) };
  }

  /** The public key for a token's `kid`, if it is (still) published. */
  async verificationKey(kid: string | undefined): Promise<Key | undefined> {
    if (!kid) return undefined;
    if (this.stale()) await this.load();
    let found = this.published.get(kid);
    if (!found && Date.now() - this.lastUnknownReload > UNKNOWN_KID_RELOAD_MS) {
      this.lastUnknownReload = Date.now();
      await this.load();
      found = this.published.get(kid);
    }
    return found?.key;
  }

  async list(): Promise<SigningKeyInfo[]> {
    const rows = await this.db.signingKey.findMany({ orderBy: { createdAt: 'desc' } });
    return rows.map((r) => ({
      kid: r.id,
      algorithm: r.algorithm,
      createdAt: r.createdAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
      publishUntil: r.publishUntil?.toISOString() ?? null,
    }));
  }

  /** Replaces the signing key now; the old one stays published until its tokens expire. */
  async rotate(): Promise<{ kid: string }> {
    const kid = await this.rotateIfNeeded(true);
    await this.load();
    return { kid: kid! };
  }

  private async ensureCurrent(): Promise<void> {
    await this.load();
    if (!this.signing || this.due(this.signing.createdAt)) {
      await this.rotateIfNeeded(false);
      await this.load();
    }
  }

  private due(createdAt: Date): boolean {
    const maxAgeMs = this.config.OAUTH_SIGNING_KEY_ROTATION_DAYS * 86_400_000;
    return Date.now() - createdAt.getTime() >= maxAgeMs;
  }

  private stale(): boolean {
    return Date.now() - this.loadedAt > RELOAD_EVERY_MS;
  }

  /** Creates a new signing key and retires the others, unless (without `force`) one is fresh. */
  private async rotateIfNeeded(force: boolean): Promise<string | null> {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = newUlid();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
    const privateJwk = Buffer.from(JSON.stringify(await exportJWK(privateKey)));
    const encrypted = this.secrets.encrypt(privateJwk, kid);
    return this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ROTATION_LOCK})`);
      const active = await tx.signingKey.findFirst({
        where: { retiredAt: null },
        orderBy: { createdAt: 'desc' },
      });
      if (!force && active && !this.due(active.createdAt)) return null;
      const now = new Date();
      await tx.signingKey.create({
        data: {
          id: kid,
          algorithm: ALG,
          publicJwk,
          privateKeyEncrypted: new Uint8Array(encrypted),
          createdAt: now,
        },
      });
      const lifetimeMs = this.config.OAUTH_ACCESS_TOKEN_TTL_SECONDS * 1000 + PUBLISH_MARGIN_MS;
      await tx.signingKey.updateMany({
        where: { retiredAt: null, id: { not: kid } },
        data: { retiredAt: now, publishUntil: new Date(now.getTime() + lifetimeMs) },
      });
      await tx.signingKey.deleteMany({ where: { publishUntil: { lt: now } } });
      this.logger.info({ kid }, 'new token signing key');
      return kid;
    });
  }

  private async load(): Promise<void> {
    const now = new Date();
    const rows = await this.db.signingKey.findMany({
      where: { OR: [{ publishUntil: null }, { publishUntil: { gt: now } }] },
      orderBy: { createdAt: 'desc' },
    });
    const published = new Map<string, { jwk: JWK; key: Key }>();
    for (const r of rows) {
      const cached = this.published.get(r.id);
      const jwk = r.publicJwk as JWK;
      published.set(r.id, cached ?? { jwk, key: (await importJWK(jwk, ALG)) as Key });
    }
    const active = rows.find((r) => r.retiredAt === null);
    if (active && active.id !== this.signing?.kid) {
      this.signing = {
        kid: active.id,
        key: await this.privateKey(active),
        createdAt: active.createdAt,
      };
    } else if (!active) {
      this.signing = undefined;
    }
    this.published = published;
    this.loadedAt = Date.now();
  }

  private async privateKey(row: SigningKey): Promise<Key> {
    const jwk = JSON.parse(
      this.secrets.decrypt(Buffer.from(row.privateKeyEncrypted), row.id).toString('utf8'),
    ) as JWK;
    return (await importJWK(jwk, ALG)) as Key;
  }
}
