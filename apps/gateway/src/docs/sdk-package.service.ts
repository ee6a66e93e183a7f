import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { ErrorCode, PorticoError, type LoggerLike } from '@portico/contracts';
import { InjectConfig, InjectLogger } from '@portico/platform';
import type { GatewayConfig } from '../config';

/** Where the SDK's sources sit in a checkout (src/docs and dist/docs are equally deep). */
const SDK_SOURCE_DIR = path.resolve(__dirname, '../../../../libs/sdk');
const PACK_TIMEOUT_MS = 180_000;

export interface SdkPackageInfo {
  name: string;
  version: string;
}

/**
 * The TypeScript SDK's tarball: GATEWAY_SDK_TARBALL when configured (a container image ships one),
 * else packed once per process from libs/sdk with `pnpm pack` into GATEWAY_SDK_CACHE_DIR.
 */
@Injectable()
export class SdkPackageService {
  private info: Promise<SdkPackageInfo | undefined> | undefined;
  private tarball: Promise<string> | undefined;

  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    @InjectLogger() private readonly logger: LoggerLike,
  ) {}

  /** The package's name and version, or undefined when this gateway has no SDK to offer. */
  available(): Promise<SdkPackageInfo | undefined> {
    this.info ??= this.readInfo().catch((err: unknown) => {
      this.logger.warn({ err: String(err) }, 'SDK package unavailable');
      this.info = undefined;
      return undefined;
    });
    return this.info;
  }

  /** The tarball's bytes for `version`; NOT_FOUND when that version is not the one offered. */
  async download(version: string): Promise<{ fileName: string; body: Buffer }> {
    const info = await this.available();
    if (!info || info.version !== version) {
      throw PorticoError.notFound('TypeScript SDK version', version);
    }
    this.tarball ??= this.locateTarball().catch((err: unknown) => {
      this.tarball = undefined;
      throw err;
    });
    const file = await this.tarball;
    return { fileName: `portico-sdk-${info.version}.tgz`, body: await readFile(file) };
  }

  private async readInfo(): Promise<SdkPackageInfo | undefined> {
    const configured = this.config.GATEWAY_SDK_TARBALL;
    const manifest = configured
      ? packageJsonOfTarball(await readFile(configured))
      : existsSync(path.join(SDK_SOURCE_DIR, 'package.json'))
        ? await readFile(path.join(SDK_SOURCE_DIR, 'package.json'), 'utf8')
        : undefined;
    if (manifest === undefined) return undefined;
    const pkg = JSON.parse(manifest) as { name?: unknown; version?: unknown };
    if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') return undefined;
    return { name: pkg.name, version: pkg.version };
  }

  private async locateTarball(): Promise<string> {
    if (this.config.GATEWAY_SDK_TARBALL) return this.config.GATEWAY_SDK_TARBALL;
    const root = this.config.GATEWAY_SDK_CACHE_DIR ?? path.join(tmpdir(), 'portico-sdk');
    await mkdir(root, { recursive: true });
    // A fresh directory per process: a pack of older sources is never served.
    const dir = await mkdtemp(path.join(root, 'pack-'));
    this.logger.info({ dir }, 'packing the TypeScript SDK');
    await new Promise<void>((resolve, reject) =>
      execFile(
        'pnpm',
        ['pack', '--pack-destination', dir],
        { cwd: SDK_SOURCE_DIR, timeout: PACK_TIMEOUT_MS },
        (err, _stdout, stderr) =>
          err
            ? reject(
                new PorticoError(
                  ErrorCode.SERVICE_UNAVAILABLE,
                  'The SDK package could not be built on this gateway.',
                  [],
                  { cause: new Error(`${err.message}\n${stderr}`) },
                ),
              )
            : resolve(),
      ),
    );
    const file = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
    if (!file) {
      throw new PorticoError(ErrorCode.SERVICE_UNAVAILABLE, 'pnpm pack produced no tarball.');
    }
    return path.join(dir, file);
  }
}

/** `package/package.json` of an npm tarball (gzip'd ustar), or undefined. */
export function packageJsonOfTarball(tgz: Buffer): string | undefined {
  const tar = gunzipSync(tgz);
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(
      header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0',
      8,
    );
    const body = offset + 512;
    const full = prefix ? `${prefix}/${name}` : name;
    if (full === 'package/package.json') return tar.subarray(body, body + size).toString('utf8');
    offset = body + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
