import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  SignJWT,
  type JWTPayload,
} from 'jose';

export interface SigningKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function signingKey(alg: 'ES256' | 'RS256', kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Serves JWK Sets on `/<name>/jwks.json` from a real node:http server on port 0. */
export class JwksServer {
  readonly sets = new Map<string, JWK[]>();
  fetches = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<JwksServer> {
    const holder: { self?: JwksServer } = {};
    const server = createServer((req, res) => {
      const name = /^\/([^/]+)\/jwks\.json$/.exec(req.url ?? '')?.[1];
      const keys = name ? holder.self?.sets.get(name) : undefined;
      if (!keys) {
        res.writeHead(404).end();
        return;
      }
      holder.self!.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.self = new JwksServer(server, `http://127.0.0.1:${port}`);
    return holder.self;
  }

  jwksUrl(name: string): string {
    return `${this.url}/${name}/jwks.json`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export function sign(
  key: SigningKey,
  claims: JWTPayload,
  opts: { iss: string; aud: string; exp?: number | string; nbf?: number; typ?: string },
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...(opts.typ ? { typ: opts.typ } : {}) })
    .setIssuer(opts.iss)
    .setAudience(opts.aud)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '10m');
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt.sign(key.privateKey);
}

/** A token with `alg: none` (RFC 7519 §6): must never be accepted. */
export function unsecured(claims: JWTPayload): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(claims)}.`;
}
